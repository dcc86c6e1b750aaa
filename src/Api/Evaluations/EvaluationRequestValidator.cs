using System.Text.Json;
using InstructGpt.Api.Completions;
using InstructGpt.Api.Datasets;
using InstructGpt.Api.Errors;
using InstructGpt.Api.Jobs;
using InstructGpt.Evaluation.Judges;
using InstructGpt.Evaluation.Runs;
using InstructGpt.Inference.Checkpoints;
using InstructGpt.Inference.Model;
using InstructGpt.Training.Data;
using InstructGpt.Training.EvalSets;
using Microsoft.Extensions.Options;

namespace InstructGpt.Api.Evaluations;

/// <summary>
/// Checks an evaluation request before it is queued, so that a client's mistake is a 400 naming the field and its allowed
/// values, never a job that fails later: every model and the baseline are checkpoints here, every eval set is found and reads in its
/// format, the judges are known and configured, the numbers are in range. Also turns an accepted spec into the runner's request,
/// the same way at submission, at the start of the job and when a restart checks whether it can resume.
/// </summary>
public sealed class EvaluationRequestValidator(JobRequestValidator jobs, DatasetCatalog datasets, IOptions<EvaluationsOptions> options)
{
    /// <summary><c>instructgpt eval</c>'s defaults (src/Cli/Commands/EvalCommand.cs).</summary>
    public static IReadOnlyList<string> DefaultModels { get; } = ["sft", "ppo", "ppo-ptx", ModelCatalog.Gpt, ModelCatalog.GptPrompted];

    public const string DefaultBaseline = "sft";
    public const string DefaultRewardModel = "rm";
    public const int MaxPromptsLimit = 100_000;
    public const int MaxSamplesPerProbe = 128;
    public const int MaxTokensLimit = 4096;

    public string Home => jobs.Home;

    public EvalSetLocator EvalSets => new(datasets, options.Value.ResolvedEvalSetsDirectory);

    /// <summary>The spec to store, with defaults filled in; <see cref="InvalidRequestException"/> naming the first field that is wrong.</summary>
    public EvaluationSpec Validate(CreateEvaluationRequest? body)
    {
        body ??= new CreateEvaluationRequest();
        var sampling = Sampling(body.Sampling ?? new EvaluationSamplingRequest());
        var samplesPerProbe = InRange(body.SamplesPerProbe ?? EvaluationSampling.DefaultSamplesPerProbe, 1, MaxSamplesPerProbe, "samples_per_probe");
        int? maxPrompts = body.MaxPrompts is { } max ? InRange(max, 1, MaxPromptsLimit, "max_prompts") : null;

        var baseline = body.Baseline ?? DefaultBaseline;
        ModelDirectory(baseline, "baseline");
        var listed = Distinct(body.Models ?? DefaultModels, "models", "model");
        for (var i = 0; i < listed.Count; i++) ModelDirectory(listed[i], $"models[{i}]");
        IReadOnlyList<string> models = listed.Contains(baseline) ? listed : [baseline, .. listed];

        var judges = Distinct(body.Judges ?? DefaultJudges(), "judges", "judge");
        for (var i = 0; i < judges.Count; i++)
            if (!JudgeNames.All.Contains(judges[i]))
                throw Invalid($"judges[{i}]", $"'{Shorten(judges[i])}' is not a judge; use {string.Join(", ", JudgeNames.All)}");
        string? rewardModel = null;
        if (judges.Contains(JudgeNames.RewardModel) || body.RewardModel is not null)
            jobs.CheckpointDirectory(rewardModel = body.RewardModel ?? DefaultRewardModel, "reward_model");
        if (!judges.Contains(JudgeNames.RewardModel)) rewardModel = null;
        if (body.Llm is not null && !judges.Contains(JudgeNames.Llm))
            throw Invalid("llm", "the llm judge is configured but 'judges' does not list \"llm\"; add it, or leave 'llm' out");
        var llm = judges.Contains(JudgeNames.Llm) ? Llm(body.Llm) : null;

        ContextRoom(models, sampling.MaxTokens);

        var taxReference = body.AlignmentTaxReference ?? (models.Contains(ModelCatalog.Gpt) ? ModelCatalog.Gpt : baseline);
        if (!models.Contains(taxReference))
            throw Invalid("alignment_tax_reference", $"'{Shorten(taxReference)}' is not one of the evaluated models ({string.Join(", ", models)})");

        var spec = new EvaluationSpec
        {
            Models = models,
            Baseline = baseline,
            EvalSets = Distinct(body.EvalSets ?? EvalSetFiles.Default, "eval_sets", "eval set"),
            Judges = judges,
            RewardModel = rewardModel,
            Llm = llm,
            Sampling = sampling,
            MaxPrompts = maxPrompts,
            SamplesPerProbe = samplesPerProbe,
            AlignmentTaxReference = taxReference,
        };
        ToRunRequest(spec, runId: null, body.Llm?.ApiKey);
        return spec;
    }

    /// <summary>
    /// The runner's request for <paramref name="spec"/>: checkpoints resolved, eval sets read. Reports go to
    /// <c>$INSTRUCTGPT_HOME/reports/&lt;run id&gt;/</c>, where <c>instructgpt eval</c> writes them.
    /// </summary>
    public EvaluationRequest ToRunRequest(EvaluationSpec spec, string? runId, string? llmApiKey)
    {
        var set = ReadEvalSets(spec.EvalSets, spec.MaxPrompts);
        var request = new EvaluationRequest
        {
            RunId = runId,
            Models = spec.Models.Select((name, i) => ResolveModel(name, $"models[{i}]")).ToArray(),
            Baseline = spec.Baseline,
            EvalSet = string.Join(',', spec.EvalSets),
            Prompts = set.Prompts,
            ToxicityProbes = set.ToxicityProbes,
            HeldOutDocuments = set.Documents,
            Judges = spec.Judges,
            Sampling = spec.Sampling.ToSampling(spec.SamplesPerProbe),
            RewardModelDirectory = spec.RewardModel is null ? null : jobs.CheckpointDirectory(spec.RewardModel, "reward_model"),
            LlmJudge = spec.Llm is { } llm
                ? new LlmJudgeOptions { BaseUrl = llm.Url, Model = llm.Model, ApiKey = llmApiKey, Endpoint = LlmEndpoint(llm.Endpoint) }
                : null,
            AlignmentTaxReference = spec.AlignmentTaxReference,
            ReportDirectory = runId is null ? null : Path.Combine(jobs.Home, "reports", runId),
        };
        try
        {
            request.Validate();
        }
        catch (ArgumentException e)
        {
            // What the checks above let through (an eval set with nothing in it, ids that repeat): the runner's own words.
            var param = e.ParamName switch
            {
                "eval_set" or "prompts" or "toxicity_probes" or "held_out_documents" => "eval_sets",
                "max_tokens" or "temperature" or "top_p" => $"sampling.{e.ParamName}",
                "llm_url" => "llm.url",
                "llm_model" => "llm.model",
                var other => other,
            };
            throw new InvalidRequestException($"Invalid value for '{param}': {e.Message.Replace($" (Parameter '{e.ParamName}')", "", StringComparison.Ordinal)}.", param);
        }
        return request;
    }

    private EvalSet ReadEvalSets(IReadOnlyList<string> names, int? maxPrompts)
    {
        var set = new EvalSet();
        for (var i = 0; i < names.Count; i++) set = set.Merge(ReadEvalSet(names[i], maxPrompts, $"eval_sets[{i}]"));
        return set;
    }

    /// <summary>One eval set (committed or uploaded), its first <paramref name="maxPrompts"/> records; a 400 naming <paramref name="param"/> when it cannot be used.</summary>
    public EvalSet ReadEvalSet(string name, int? maxPrompts, string param)
    {
        var path = EvalSets.Resolve(name, param);
        try
        {
            return EvalSetFiles.LoadFile(path, maxPrompts);
        }
        catch (Exception e) when (e is DatasetFormatException or JsonException or ArgumentException or IOException or InvalidDataException)
        {
            throw new InvalidRequestException($"Invalid value for '{param}': eval set '{name}' cannot be used: {e.Message}", param, "invalid_dataset");
        }
    }

    /// <summary>The model a name stands for, as a run generates with it.</summary>
    public EvaluatedModel ResolveModel(string name, string param)
    {
        ModelDirectory(name, param); // a 400 naming the field, where the catalog would throw an ArgumentException
        return ModelCatalog.Resolve(name, jobs.CheckpointsDirectory);
    }

    /// <summary>The directory a model name stands for: a checkpoint here, or the base checkpoint for gpt and gpt-prompted.</summary>
    public string ModelDirectory(string name, string param)
    {
        if (name is not (ModelCatalog.Gpt or ModelCatalog.GptPrompted)) return WriterDirectory(name, param);
        try
        {
            return jobs.CheckpointDirectory(ModelCatalog.BaseCheckpoint, param);
        }
        catch (InvalidRequestException e)
        {
            throw new InvalidRequestException($"Invalid value for '{param}': '{name}' is the pretrained checkpoint '{ModelCatalog.BaseCheckpoint}', " +
                $"which this server does not have ({e.Message})", param, "model_not_found");
        }
    }

    /// <summary>An evaluated model's checkpoint: one that writes answers, so not a reward model.</summary>
    private string WriterDirectory(string name, string param)
    {
        var directory = jobs.CheckpointDirectory(name, param);
        // A damaged checkpoint passes here: the run reports it when it loads the model.
        if (Checkpoint.IsReadableRewardModel(directory))
            throw new InvalidRequestException($"Invalid value for '{param}': '{name}' is a reward model, which writes no answers to evaluate; " +
                "use it as a judge (\"judges\": [\"rm\"], \"reward_model\": \"" + name + "\").", param, "model_not_supported");
        return directory;
    }

    /// <summary>max_tokens must leave room for a prompt in every model's context (the runner would refuse the run later).</summary>
    public void ContextRoom(IReadOnlyList<string> models, int maxTokens)
    {
        foreach (var model in models)
        {
            var config = Path.Combine(ModelDirectory(model, "models"), "config.json");
            int positions;
            try
            {
                positions = GptConfig.FromJson(File.ReadAllText(config), config).NPositions;
            }
            catch (Exception e) when (e is JsonException or InvalidDataException or ArgumentException or IOException)
            {
                throw new InvalidRequestException($"Invalid value for 'models': {model}'s {config} cannot be read: {e.Message}", "models", "model_load_failed");
            }
            try
            {
                new EvaluationSampling { MaxTokens = maxTokens }.PromptRoom(positions, model);
            }
            catch (ArgumentOutOfRangeException e)
            {
                throw Invalid("sampling.max_tokens", SamplingFields.CleanMessage(e).TrimEnd('.'));
            }
        }
    }

    /// <summary>The CLI's default: the labeler, and the reward model as a second judge when there is one.</summary>
    private IReadOnlyList<string> DefaultJudges() =>
        File.Exists(Path.Combine(jobs.CheckpointsDirectory, DefaultRewardModel, "config.json")) ? [JudgeNames.Labeler, JudgeNames.RewardModel] : [JudgeNames.Labeler];

    private static LlmJudgeSpec Llm(LlmJudgeRequest? llm)
    {
        if (llm is null) throw Invalid("llm", "the llm judge needs {\"url\": \"http://host:port/v1\", \"model\": \"name\"}");
        if (string.IsNullOrWhiteSpace(llm.Url) || !Uri.TryCreate(llm.Url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            throw Invalid("llm.url", $"'{Shorten(llm.Url)}' is not an absolute http(s) URL such as http://127.0.0.1:8080/v1");
        if (string.IsNullOrWhiteSpace(llm.Model)) throw Invalid("llm.model", "give the judge model's name at that endpoint");
        var endpoint = llm.Endpoint ?? "chat";
        LlmEndpoint(endpoint);
        return new LlmJudgeSpec(llm.Url, llm.Model, endpoint, !string.IsNullOrEmpty(llm.ApiKey));
    }

    private static LlmJudgeEndpoint LlmEndpoint(string endpoint) => endpoint switch
    {
        "chat" => LlmJudgeEndpoint.Chat,
        "completions" => LlmJudgeEndpoint.Completions,
        _ => throw Invalid("llm.endpoint", $"'{Shorten(endpoint)}' is not an endpoint; use chat or completions"),
    };

    /// <summary>The sampling fields with their defaults filled in; a 400 naming "sampling.FIELD" when one is out of range.</summary>
    public static EvaluationSamplingSpec Sampling(EvaluationSamplingRequest sampling)
    {
        var defaults = new EvaluationSampling();
        var temperature = sampling.Temperature ?? defaults.Temperature;
        var topP = sampling.TopP ?? defaults.TopP;
        try
        {
            // The sampling ranges are the generator's own (SamplingOptions.Validate), named here under "sampling.".
            (defaults with { Temperature = temperature, TopP = topP }).ToSamplingOptions(1, defaults.Seed, []).Validate();
        }
        catch (ArgumentException e)
        {
            throw Invalid($"sampling.{e.ParamName}", SamplingFields.CleanMessage(e).TrimEnd('.'));
        }
        var maxTokens = InRange(sampling.MaxTokens ?? defaults.MaxTokens, 1, MaxTokensLimit, "sampling.max_tokens");
        var seed = sampling.Seed ?? (long)defaults.Seed;
        if (seed < 0) throw Invalid("sampling.seed", $"{seed} is negative; use an integer from 0 to {long.MaxValue}");
        return new EvaluationSamplingSpec(temperature, topP, maxTokens, (ulong)seed);
    }

    public static int InRange(int value, int min, int max, string param) =>
        value >= min && value <= max ? value : throw Invalid(param, $"{value} is out of range; use an integer from {min} to {max}");

    public static List<string> Distinct(IReadOnlyList<string> values, string param, string noun)
    {
        if (values.Count == 0) throw Invalid(param, $"give at least one {noun}, or leave '{param}' out for the defaults");
        for (var i = 0; i < values.Count; i++)
            if (values.Take(i).Contains(values[i]))
                throw Invalid($"{param}[{i}]", $"'{Shorten(values[i])}' is listed twice");
        return values.ToList();
    }

    public static InvalidRequestException Invalid(string param, string problem) => new($"Invalid value for '{param}': {problem}.", param);

    public static string Shorten(string? s) => s is null ? "null" : s.Length <= 64 ? s : s[..64] + "…";
}
