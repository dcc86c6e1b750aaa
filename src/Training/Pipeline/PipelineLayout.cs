namespace InstructGpt.Training.Pipeline;

/// <summary>The directories a pipeline run writes (docs/data-directory.md).</summary>
public sealed record PipelineLayout(string Home)
{
    public string Data => Path.Combine(Home, "data");
    public string Tokenizer => Path.Combine(Home, "tokenizer");
    public string Checkpoints => Path.Combine(Home, "checkpoints");
    public string Runs => Path.Combine(Home, "runs");

    public string Checkpoint(string name) => Path.Combine(Checkpoints, name);
    public string Run(string stage) => Path.Combine(Runs, stage);
    public string DataFile(string name) => Path.Combine(Data, name);

    public string ComparisonsTrain => DataFile("comparisons.train.jsonl");
    public string ComparisonsValid => DataFile("comparisons.valid.jsonl");

    /// <summary>A stage is done when its checkpoint has been published (written atomically, so it is whole).</summary>
    public bool IsDone(string checkpoint) => File.Exists(Path.Combine(Checkpoint(checkpoint), "instructgpt.json"));
}
