using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace InstructGpt.Api.Tests.Fixtures;

/// <summary>The app on a real Kestrel server on a free loopback port, for clients outside the process.</summary>
public sealed class KestrelApiFactory : ApiFactory
{
    public KestrelApiFactory() : base(null, kestrel: true)
    {
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        BaseAddress = new Uri(addresses.First(a => a.StartsWith("http://", StringComparison.Ordinal)));
    }

    /// <summary>Where the server listens, such as http://127.0.0.1:41234.</summary>
    public Uri BaseAddress { get; }
}

[CollectionDefinition(Name)]
public sealed class KestrelApiCollection : ICollectionFixture<KestrelApiFactory>
{
    public const string Name = "kestrel api";
}

/// <summary>Finds files of the source tree from the test's output directory.</summary>
public static class SourceTree
{
    public static string TestsDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "client-js", "package.json"))) return dir.FullName;
        throw new DirectoryNotFoundException($"tests/Api.Tests (with client-js/package.json) is not above {AppContext.BaseDirectory}");
    }
}
