using System.Text.Encodings.Web;
using System.Text.Json;
using InstructGpt.Tasks;

namespace InstructGpt.Training.World;

/// <summary>
/// manifest.json: what a build made (seed, size, users, concepts) and every file with its format, record count,
/// categories and SHA-256. It holds nothing that varies between runs, so equal builds have equal manifests.
/// It is written last: a directory with a manifest is a finished build.
/// </summary>
public sealed record WorldManifest
{
    public const string FileName = "manifest.json";
    public const string FormatVersion = "instructgpt-world/1";

    public required long Seed { get; init; }
    public required WorldSize Size { get; init; }
    public required IReadOnlyDictionary<WorldSplit, int> Users { get; init; }
    public required int Concepts { get; init; }
    public required IReadOnlyList<WorldFile> Files { get; init; }

    public WorldFile File(string name) => Files.Single(f => f.Name == name);

    public void Write(string path)
    {
        var temporary = path + ".tmp";
        var layout = new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, NewLine = "\n" };
        using (var stream = System.IO.File.Create(temporary))
        using (var writer = new Utf8JsonWriter(stream, layout))
        {
            writer.WriteStartObject();
            writer.WriteString("format", FormatVersion);
            writer.WriteNumber("seed", Seed);
            writer.WriteString("size", Size.ToString().ToLowerInvariant());
            writer.WriteString("wordnet", "WordNet 3.0");
            writer.WriteNumber("near_duplicate_prefix_chars", NearDuplicateFilter.PrefixLength);
            writer.WriteNumber("max_prompts_per_user", SyntheticUsers.MaxPromptsPerUser);
            writer.WriteNumber("concepts", Concepts);
            writer.WriteStartObject("users");
            foreach (var (split, count) in Users.OrderBy(u => u.Key)) writer.WriteNumber(split.ToString().ToLowerInvariant(), count);
            writer.WriteEndObject();
            writer.WriteStartArray("files");
            foreach (var file in Files)
            {
                writer.WriteStartObject();
                writer.WriteString("name", file.Name);
                writer.WriteString("format", file.Format);
                writer.WriteNumber("records", file.Records);
                writer.WriteString("sha256", file.Sha256);
                if (file.Categories.Count > 0)
                {
                    writer.WriteStartObject("categories");
                    foreach (var (category, count) in file.Categories.OrderBy(c => c.Key)) writer.WriteNumber(category.ToName(), count);
                    writer.WriteEndObject();
                }
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        System.IO.File.Move(temporary, path, overwrite: true);
    }
}
