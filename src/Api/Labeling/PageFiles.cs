using System.Reflection;
using System.Security.Cryptography;

namespace InstructGpt.Api.Labeling;

/// <summary>The labeling page's files, read once from the assembly's embedded resources named <c>LabelingPage/&lt;file&gt;</c>.</summary>
public sealed class PageFiles
{
    private const string Prefix = "LabelingPage/";
    private readonly Dictionary<string, PageFile> files;

    private PageFiles(Dictionary<string, PageFile> files) => this.files = files;

    public IReadOnlyCollection<string> Names => files.Keys;

    public bool TryGet(string name, out PageFile file) => files.TryGetValue(name, out file!);

    public static PageFiles Load(Assembly assembly)
    {
        var files = new Dictionary<string, PageFile>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)))
        {
            var name = resource[Prefix.Length..];
            if (ContentType(name) is not { } type) continue;
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            var content = copy.ToArray();
            files[name] = new PageFile(content, type, $"\"{Convert.ToHexStringLower(SHA256.HashData(content))[..32]}\"");
        }
        return new PageFiles(files);
    }

    private static string? ContentType(string name) => System.IO.Path.GetExtension(name) switch
    {
        ".html" => "text/html; charset=utf-8",
        ".css" => "text/css; charset=utf-8",
        ".js" => "text/javascript; charset=utf-8",
        ".svg" => "image/svg+xml",
        _ => null,
    };
}
