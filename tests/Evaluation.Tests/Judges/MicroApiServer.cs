using InstructGpt.Tests.Shared;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace InstructGpt.Evaluation.Tests.Judges;

/// <summary>
/// This project's own OpenAI-compatible server (src/Api) on a real Kestrel loopback port, serving the micro
/// pipeline's checkpoints and requiring an API key for completions: the LLM judge's counterpart in its tests.
/// </summary>
public sealed class MicroApiServer : WebApplicationFactory<Program>
{
    public const string ApiKey = "eval-judge-key-0123456789";

    private readonly string home = Directory.CreateTempSubdirectory("instructgpt-eval-api-").FullName;

    public MicroApiServer()
    {
        UseKestrel(0);
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        BaseAddress = new Uri(addresses.First(a => a.StartsWith("http://", StringComparison.Ordinal)));
    }

    /// <summary>Where the server listens, such as http://127.0.0.1:41234.</summary>
    public Uri BaseAddress { get; }

    /// <summary>The base URL OpenAI's clients take.</summary>
    public string V1 => new Uri(BaseAddress, "/v1").ToString();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Data:Home", home);
        builder.UseSetting("Serving:CheckpointsDirectory", System.IO.Path.Combine(MicroPipelineHome.Path, "checkpoints"));
        builder.UseSetting("Serving:StartPipelineWhenEmpty", "false");
        builder.UseSetting("Auth:ApiKey", ApiKey);
        builder.UseSetting("Auth:RequireKeyForCompletions", "true");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        try
        {
            Directory.Delete(home, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
