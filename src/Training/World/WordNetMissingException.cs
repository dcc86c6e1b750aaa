namespace InstructGpt.Training.World;

/// <summary>The WordNet 3.0 database files the default world is built from are not where we looked.</summary>
public sealed class WordNetMissingException(string directory, IReadOnlyList<string> missingFiles)
    : Exception(
        $"WordNet 3.0 was not found in '{directory}' (missing {string.Join(", ", missingFiles)}). " +
        "The default world is built from it. Install Debian's wordnet-base package " +
        "(sudo apt-get install wordnet-base, or run scripts/setup.sh), which puts the database in /usr/share/wordnet, " +
        "or point WordNetDirectory (or the WNSEARCHDIR environment variable) at a folder holding WordNet 3.0's " +
        "index.* and data.* files.")
{
    public string Directory { get; } = directory;
    public IReadOnlyList<string> MissingFiles { get; } = missingFiles;
}
