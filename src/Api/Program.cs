using InstructGpt.Api.Auth;
using InstructGpt.Api.Chat;
using InstructGpt.Api.Completions;
using InstructGpt.Api.Datasets;
using InstructGpt.Api.Evaluations;
using InstructGpt.Api.Feedback;
using InstructGpt.Api.Health;
using InstructGpt.Api.Hosting;
using InstructGpt.Api.Jobs;
using InstructGpt.Api.Labeling;
using InstructGpt.Api.Metrics;
using InstructGpt.Api.Models;
using InstructGpt.Api.OpenApi;
using InstructGpt.Api.Scoring;
using InstructGpt.Api.Serving;
using InstructGpt.Inference.Engine;

// Before anything touches libtorch: OpenMP's wait policy is read when libtorch loads, and INSTRUCTGPT_NUM_THREADS applies.
TorchRuntime.Initialize();

var builder = WebApplication.CreateBuilder(args);

builder.AddApiDefaults();
builder.AddApiKeyAuthentication();
builder.AddServing();
builder.AddTrainingJobs();
builder.AddEvaluations();
builder.AddApiMetrics();
builder.AddApiDocs();
builder.AddFeedback();
builder.AddDatasets();
builder.AddLabeling();

var app = builder.Build();
if (ScalarDisposalGuard.Problem is { } guardProblem)
    app.Logger.LogWarning("TorchSharp runs without the Scalar disposal guard ({Problem}); a native call can then fail or read a freed Scalar (README, \"TorchSharp's Scalars\")", guardProblem);
if (MklCpuDispatch.Problem is { } mklProblem)
    app.Logger.LogWarning("oneMKL keeps its generic kernels on this {Vendor} CPU ({Problem}); matrix products run up to 3x slower (README, \"Matrix products on AMD CPUs\")", MklCpuDispatch.CpuVendor, mklProblem);

app.UseApiMetrics();
app.UseApiErrors();
app.UseAuthentication();
app.UseLabelerBoundary();
app.UseAuthorization();

app.MapApiDocs();
app.MapHealthApi();
app.MapMetricsApi();
app.MapModelsApi();
app.MapCompletionsApi();
app.MapChatApi();
app.MapScoringApi();
app.MapTrainingJobsApi();
app.MapEvaluationsApi();
app.MapFeedbackApi();
app.MapDatasetsApi();
app.MapLabelingApi();
app.MapLabelingPage();

app.Run();

/// <summary>The entry point, public so tests can start the app with WebApplicationFactory&lt;Program&gt;.</summary>
public partial class Program;
