using InstructGpt.Api.Tests.Evaluations;
using InstructGpt.Api.Tests.Fixtures;
using InstructGpt.Api.Tests.Jobs;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace InstructGpt.Api.Tests.Labeling.Browser;

/// <summary>The real app on a loopback Kestrel port over a copy of the micro home (models sft and ppo, eval set micro-test).</summary>
public sealed class LabelingServer : ApiFactory
{
    private LabelingServer(string home) : base(new Dictionary<string, string?>
    {
        ["Data:Home"] = home,
        ["Jobs:ProgressIntervalSeconds"] = "0",
        ["Jobs:Device"] = "cpu",
    }, kestrel: true)
    {
        DataHome = home;
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        BaseAddress = new Uri(addresses.First(a => a.StartsWith("http://", StringComparison.Ordinal)));
    }

    public static LabelingServer OverMicroHome() => new(EvaluationHomes.MicroCopy());

    /// <summary>The data directory the server runs over (its database is instructgpt.db there).</summary>
    public string DataHome { get; }

    public string DatabasePath => Path.Combine(DataHome, "instructgpt.db");

    public Uri BaseAddress { get; }

    public HttpClient AdminClient()
    {
        var client = CreateAuthorizedClient();
        client.BaseAddress = BaseAddress;
        return client;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        JobHomes.Delete(DataHome);
    }
}
