// Generated from openapi/distillery.yaml by `npm run generate`. Do not edit.

export const configSchemas = {
  "DistillationConfig": {
    "type": "object",
    "required": [
      "teacher_model",
      "student_model"
    ],
    "additionalProperties": false,
    "properties": {
      "teacher_model": {
        "type": "string",
        "pattern": "^[a-z0-9_-]+/[!-~]+$"
      },
      "student_model": {
        "type": "string",
        "minLength": 1,
        "maxLength": 200
      },
      "target_params": {
        "type": "string",
        "pattern": "^[0-9]+(\\.[0-9]+)?[KMB]?$"
      },
      "num_prompts": {
        "type": "integer",
        "minimum": 1,
        "maximum": 1000000
      },
      "n_samples": {
        "type": "integer",
        "minimum": 1,
        "maximum": 64,
        "default": 4
      },
      "training_steps": {
        "type": "integer",
        "minimum": 1,
        "maximum": 1000000,
        "default": 100
      },
      "bond_beta": {
        "type": "number",
        "minimum": 0,
        "maximum": 1,
        "default": 0.5
      },
      "bond_gamma": {
        "type": "number",
        "minimum": 0,
        "maximum": 10,
        "default": 0.1
      },
      "temperature": {
        "type": "number",
        "minimum": 0,
        "maximum": 2,
        "default": 0.8
      },
      "export_gguf": {
        "type": "boolean",
        "default": true
      },
      "quantization_types": {
        "type": "array",
        "items": {
          "type": "string",
          "enum": [
            "f32",
            "f16",
            "q8_0",
            "q4_0",
            "q4_k_m"
          ]
        },
        "uniqueItems": true,
        "maxItems": 5,
        "default": [
          "q8_0"
        ]
      },
      "dataset_id": {
        "type": "string",
        "pattern": "^ds_[A-Za-z0-9]+$"
      },
      "prompts": {
        "type": "array",
        "minItems": 1,
        "maxItems": 10000,
        "items": {
          "oneOf": [
            {
              "type": "string",
              "minLength": 1
            },
            {
              "type": "object",
              "required": [
                "prompt"
              ],
              "additionalProperties": false,
              "properties": {
                "prompt": {
                  "type": "string",
                  "minLength": 1
                },
                "completion": {
                  "type": "string"
                },
                "label": {
                  "type": "string"
                }
              }
            }
          ]
        }
      },
      "eval_dataset_id": {
        "type": "string",
        "pattern": "^ds_[A-Za-z0-9]+$"
      },
      "eval_split": {
        "type": "number",
        "minimum": 0,
        "maximum": 0.5,
        "default": 0.1
      },
      "learning_rate": {
        "type": "number",
        "exclusiveMinimum": 0,
        "maximum": 1,
        "default": 0.0003
      },
      "batch_size": {
        "type": "integer",
        "minimum": 1,
        "maximum": 1024,
        "default": 8
      },
      "seq_len": {
        "type": "integer",
        "minimum": 8,
        "maximum": 8192,
        "default": 128
      },
      "seed": {
        "type": "integer",
        "minimum": 0,
        "maximum": 2147483647,
        "default": 0
      },
      "kd_temperature": {
        "type": "number",
        "exclusiveMinimum": 0,
        "maximum": 20,
        "default": 2
      },
      "kd_weight": {
        "type": "number",
        "minimum": 0,
        "maximum": 1,
        "default": 0.5
      },
      "output_formats": {
        "type": "array",
        "items": {
          "type": "string",
          "enum": [
            "safetensors",
            "gguf"
          ]
        },
        "uniqueItems": true,
        "default": [
          "safetensors",
          "gguf"
        ]
      },
      "accuracy_threshold": {
        "type": "number",
        "minimum": -1,
        "maximum": 1,
        "default": -0.02
      },
      "backend": {
        "type": "string",
        "enum": [
          "auto",
          "webgpu",
          "cpu"
        ],
        "default": "auto"
      }
    }
  },
  "CreateFineTuningJobRequest": {
    "type": "object",
    "required": [
      "name",
      "base_model",
      "training_dataset"
    ],
    "additionalProperties": false,
    "properties": {
      "name": {
        "type": "string",
        "minLength": 1,
        "maxLength": 200
      },
      "base_model": {
        "type": "string",
        "minLength": 1
      },
      "training_dataset": {
        "type": "string",
        "pattern": "^ds_[A-Za-z0-9]+$"
      },
      "validation_dataset": {
        "type": "string",
        "pattern": "^ds_[A-Za-z0-9]+$"
      },
      "description": {
        "type": "string",
        "maxLength": 2000
      },
      "hyperparameters": {
        "type": "object",
        "additionalProperties": false,
        "properties": {
          "epochs": {
            "type": "integer",
            "minimum": 1,
            "maximum": 100,
            "default": 3
          },
          "learning_rate": {
            "type": "number",
            "exclusiveMinimum": 0,
            "maximum": 1,
            "default": 0.001
          },
          "batch_size": {
            "type": "integer",
            "minimum": 1,
            "maximum": 1024,
            "default": 8
          },
          "warmup_steps": {
            "type": "integer",
            "minimum": 0,
            "maximum": 100000,
            "default": 10
          },
          "seq_len": {
            "type": "integer",
            "minimum": 8,
            "maximum": 8192,
            "default": 128
          },
          "seed": {
            "type": "integer",
            "minimum": 0,
            "maximum": 2147483647,
            "default": 0
          }
        },
        "default": {}
      },
      "suffix": {
        "type": "string",
        "pattern": "^[a-z0-9][a-z0-9-]{0,39}$"
      },
      "backend": {
        "type": "string",
        "enum": [
          "auto",
          "webgpu",
          "cpu"
        ],
        "default": "auto"
      },
      "metadata": {
        "type": "object",
        "maxProperties": 50,
        "additionalProperties": {
          "type": "string",
          "maxLength": 500
        }
      },
      "webhook_url": {
        "type": "string",
        "format": "uri"
      }
    }
  }
} as const;
