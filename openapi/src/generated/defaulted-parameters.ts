// Generated from openapi/distillery.yaml by `npm run generate`. Do not edit.

export interface DefaultedParameters {
  listDistillationJobs: { query: 'limit' | 'offset'; header: never };
  createDistillationJob: { query: never; header: never };
  estimateDistillationJob: { query: never; header: never };
  getDistillationJob: { query: never; header: never };
  deleteDistillationJob: { query: never; header: never };
  cancelDistillationJob: { query: never; header: never };
  restartDistillationJob: { query: never; header: never };
  listDistillationArtifacts: { query: never; header: never };
  downloadDistillationArtifact: { query: never; header: never };
  getDistillationJobLogs: { query: 'lines'; header: never };
  getDistillationJobMetrics: { query: never; header: never };
  streamDistillationJobEvents: { query: never; header: never };
  listFineTuningJobs: { query: 'sort' | 'limit' | 'offset'; header: never };
  createFineTuningJob: { query: never; header: never };
  getFineTuningJob: { query: never; header: never };
  deleteFineTuningJob: { query: never; header: never };
  stopFineTuningJob: { query: never; header: never };
  restartFineTuningJob: { query: never; header: never };
  getFineTuningJobLogs: { query: 'lines'; header: never };
  getFineTuningJobMetrics: { query: never; header: never };
  streamFineTuningJobEvents: { query: never; header: never };
  listFineTuningBaseModels: { query: never; header: never };
  getFineTuningStats: { query: never; header: never };
  estimateFineTuningCost: { query: never; header: never };
  listDatasets: { query: 'limit' | 'offset'; header: never };
  uploadDataset: { query: never; header: never };
  getDataset: { query: never; header: never };
  deleteDataset: { query: never; header: never };
  listModels: { query: never; header: never };
  importModel: { query: never; header: never };
  getModel: { query: never; header: never };
  deleteModel: { query: never; header: never };
  getHardware: { query: never; header: never };
  getStats: { query: never; header: never };
  getServerConfig: { query: never; header: never };
  listApiKeys: { query: 'limit' | 'offset'; header: never };
  createApiKey: { query: never; header: never };
  revokeApiKey: { query: never; header: never };
  getHealth: { query: never; header: never };
  getV1Health: { query: never; header: never };
  getPrometheusMetrics: { query: never; header: never };
}
