namespace InstructGpt.Api.Auth;

/// <summary>Resolves the key at start-up, so a generated key's location is logged before the first request.</summary>
public sealed class ApiKeyInitializer(ApiKeyStore store) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        GC.KeepAlive(store);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
