namespace InstructGpt.Training.Tests;

/// <summary>Finds the repository (the folder with InstructGpt.sln) from the test assembly's location.</summary>
internal static class RepositoryRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(directory.FullName, "InstructGpt.sln"))) return directory.FullName;
        }
        throw new InvalidOperationException($"InstructGpt.sln not found above {AppContext.BaseDirectory}");
    }
}
