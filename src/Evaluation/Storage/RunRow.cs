using InstructGpt.Database;

namespace InstructGpt.Evaluation.Storage;

/// <summary>A row of <c>evaluation_runs</c> as Dapper reads and writes it.</summary>
internal sealed class RunRow
{
    public const string Select = """
        SELECT id AS Id, created_at AS CreatedAt, updated_at AS UpdatedAt, status AS Status, config_json AS ConfigJson,
               models_json AS ModelsJson, baseline AS Baseline, eval_set AS EvalSet, judges_json AS JudgesJson, error AS Error
        FROM evaluation_runs
        """;

    public string Id { get; set; } = "";
    public string CreatedAt { get; set; } = "";
    public string UpdatedAt { get; set; } = "";
    public string Status { get; set; } = "";
    public string ConfigJson { get; set; } = "{}";
    public string ModelsJson { get; set; } = "[]";
    public string Baseline { get; set; } = "";
    public string EvalSet { get; set; } = "";
    public string JudgesJson { get; set; } = "[]";
    public string? Error { get; set; }

    public static RunRow From(EvaluationRun run) => new()
    {
        Id = run.Id,
        CreatedAt = StoredTime.Format(run.CreatedAt),
        UpdatedAt = StoredTime.Format(run.UpdatedAt),
        Status = run.Status.ToName(),
        ConfigJson = run.ConfigJson,
        ModelsJson = JsonColumns.Write(run.Models),
        Baseline = run.Baseline,
        EvalSet = run.EvalSet,
        JudgesJson = JsonColumns.Write(run.Judges),
        Error = run.Error,
    };

    public EvaluationRun ToRun() => new()
    {
        Id = Id,
        CreatedAt = StoredTime.Parse(CreatedAt),
        UpdatedAt = StoredTime.Parse(UpdatedAt),
        Status = RunStatusNames.Parse(Status),
        ConfigJson = ConfigJson,
        Models = JsonColumns.ReadStrings(ModelsJson),
        Baseline = Baseline,
        EvalSet = EvalSet,
        Judges = JsonColumns.ReadStrings(JudgesJson),
        Error = Error,
    };
}
