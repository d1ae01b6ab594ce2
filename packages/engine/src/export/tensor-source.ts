import type { ModelConfig } from '../model/config.ts';
import type { ParamEntry } from '../model/layout.ts';
import type { LlamaModel } from '../model/model.ts';

/**
 * Where exporters read weights from: the layout table and one tensor at a time, so no exporter needs
 * the whole model as a second copy next to the backend's parameters.
 */
export interface TensorSource {
  config: ModelConfig;
  entries: readonly ParamEntry[];
  read(entry: ParamEntry): Promise<Float32Array>;
}

export function modelTensorSource(model: LlamaModel): TensorSource {
  return {
    config: model.config,
    entries: model.layout.entries,
    read: async (e) => (await model.backend.download(model.params, e.offset, e.size)) as Float32Array,
  };
}
