namespace InstructGpt.Training.Data;

/// <summary>Collects a file's errors, keeping the first <see cref="JsonlFile.MaxReportedErrors"/>.</summary>
internal sealed class ErrorSink(string path)
{
    private readonly List<DatasetError> listed = [];

    public IReadOnlyList<DatasetError> Listed => listed;
    public int Total { get; private set; }

    public void Add(int line, string field, string message)
    {
        Total++;
        if (listed.Count < JsonlFile.MaxReportedErrors)
        {
            listed.Add(new DatasetError(path, line, field, message));
        }
    }
}
