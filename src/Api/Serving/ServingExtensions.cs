using InstructGpt.Api.Hosting;
using InstructGpt.Inference.Serving;
using Microsoft.Extensions.Options;

namespace InstructGpt.Api.Serving;

public static class ServingExtensions
{
    /// <summary>The checkpoint catalog, the model pool with its schedulers, their metrics, and the reward models /v1/score uses.</summary>
    public static WebApplicationBuilder AddServing(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<ServingOptions>().BindConfiguration(ServingOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp =>
        {
            var serving = sp.GetRequiredService<IOptions<ServingOptions>>().Value;
            var root = serving.CheckpointsDirectory is { Length: > 0 } d ? d : sp.GetRequiredService<IOptions<DataOptions>>().Value.CheckpointsDirectory;
            return new CheckpointCatalog(root);
        });
        // Replace this delegate to serve checkpoints with another tokenizer (tests use a tiny byte-level one).
        services.AddSingleton<TokenizerLoader>(_ => CheckpointTokenizer.Load);
        services.AddSingleton(sp => new ServingMetrics(sp.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>()));
        services.AddSingleton(sp => new ModelPool(
            sp.GetRequiredService<CheckpointCatalog>(),
            sp.GetRequiredService<TokenizerLoader>(),
            sp.GetRequiredService<IOptions<ServingOptions>>().Value.ToPoolOptions(),
            sp.GetRequiredService<ServingMetrics>()));
        services.AddSingleton(sp => new Scoring.RewardModelCache(
            sp.GetRequiredService<CheckpointCatalog>(),
            sp.GetRequiredService<TokenizerLoader>(),
            sp.GetRequiredService<IOptions<ServingOptions>>().Value.ToPoolOptions()));
        services.AddHostedService<FirstRunPipeline>();
        return builder;
    }
}
