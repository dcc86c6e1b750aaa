using System.Text.RegularExpressions;
using InstructGpt.Api.Hosting;
using Microsoft.Extensions.Options;

namespace InstructGpt.Api.Errors;

/// <summary>
/// Keeps the server's absolute paths out of what clients read. Errors from deeper layers name the file they are about
/// ("/srv/instructgpt/data/rm.train.jsonl:3: ..."), which helps an operator and tells a client about the server's
/// disks; clients see the same path relative to the data directory ("data/rm.train.jsonl:3: ...").
/// </summary>
public static class ServerPaths
{
    public static string Hide(string message, string home)
    {
        var root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(home));
        if (root.Length <= 1) return message; // a home of "/" would strip every slash
        // The root itself only where a path ends there, not inside a longer name ("/srv/ig" in "/srv/igx").
        return Regex.Replace(message.Replace(root + Path.DirectorySeparatorChar, "", StringComparison.Ordinal),
            Regex.Escape(root) + @"(?=$|[\s'""),.:;])", "the data directory");
    }

    /// <summary><paramref name="message"/> with the paths under this server's data directory made relative to it.</summary>
    public static string Hide(string message, HttpContext context) =>
        context.RequestServices.GetService<IOptions<DataOptions>>()?.Value is { } data ? Hide(message, data.FullHome) : message;

    /// <summary>An error body as a client may read it: the same error, its message without server paths.</summary>
    public static OpenAiErrorResponse Hide(OpenAiErrorResponse response, HttpContext context) =>
        response with { Error = response.Error with { Message = Hide(response.Error.Message, context) } };
}
