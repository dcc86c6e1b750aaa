namespace InstructGpt.Api.Jobs;

/// <summary>Example bodies of the job endpoints, shown in Swagger UI.</summary>
public static class JobExamples
{
    public const string TrainingJobRequest = """
        {"stage": "sft", "preset": "tiny", "init_from": "base", "datasets": {"train": "sft.train", "valid": "sft.valid"}, "hyperparameters": {"Epochs": 2, "LearningRate": 0.0003}, "seed": 1}
        """;

    public const string TrainingJob = """
        {"id": "trainjob-5f0c2a9d81e34b7c6a1f2e3d", "object": "training.job", "status": "running", "stage": "sft",
         "progress": {"job": {"fraction": 0.25, "percent": 25, "eta_seconds": 312.5},
                      "stage": {"name": "sft", "step": 120, "total_steps": 480, "fraction": 0.25, "percent": 25, "eta_seconds": 312.5}},
         "metrics": {"loss": 2.41, "lr": 0.00028, "grad_norm": 0.93, "tokens_per_second": 5120},
         "error": null, "output_checkpoints": [], "attempts": 1, "cancel_requested": false,
         "created_at": 1767225600, "started_at": 1767225601, "finished_at": null,
         "request": {"stage": "sft", "preset": "tiny", "init_from": "base", "reward_model": null, "datasets": {}, "hyperparameters": ["Epochs=2", "LearningRate=0.0003"], "output": "sft", "seed": 1}}
        """;

    public const string PipelineRequest = """
        {"preset": "tiny", "seed": 1, "stages": ["data", "tokenizer", "pretrain", "sft", "comparisons", "rm", "ppo", "ppo-ptx"], "hyperparameters": {"sft.Epochs": 8, "ppo.KlCoefficient": 0.02}}
        """;

    public const string PipelineJob = """
        {"id": "pipeline-0b8e1d2c3f4a5b6c7d8e9f01", "object": "pipeline.job", "status": "running", "stage": "rm",
         "progress": {"job": {"fraction": 0.654, "percent": 65.4, "eta_seconds": 373.5},
                      "stage": {"name": "rm", "step": 10, "total_steps": 40, "fraction": 0.25, "percent": 25, "eta_seconds": 41.2}},
         "metrics": {"loss": 0.62, "valid_accuracy": 0.71},
         "error": null, "output_checkpoints": ["base", "sft"], "attempts": 1, "cancel_requested": false,
         "created_at": 1767225600, "started_at": 1767225600, "finished_at": null,
         "request": {"preset": "tiny", "seed": 1, "init_from": null, "stages": null, "hyperparameters": []}}
        """;

    public const string TrainingJobList = "{\"object\": \"list\", \"data\": [" + TrainingJob + "], \"has_more\": false}";

    public const string PipelineJobList = "{\"object\": \"list\", \"data\": [" + PipelineJob + "], \"has_more\": false}";

    public const string JobMetrics = """
        {"object": "list", "job_id": "trainjob-5f0c2a9d81e34b7c6a1f2e3d", "data": [
          {"stage": "sft", "step": 1, "total_steps": 480, "loss": 4.12, "metrics": {"loss": 4.12, "lr": 0.0003}, "elapsed_seconds": 0.8, "recorded_at": 1767225601.8},
          {"stage": "sft", "step": 2, "total_steps": 480, "loss": 3.97, "metrics": {"loss": 3.97, "lr": 0.0003}, "elapsed_seconds": 1.6, "recorded_at": 1767225602.6}]}
        """;
}
