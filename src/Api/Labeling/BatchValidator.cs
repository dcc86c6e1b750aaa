using InstructGpt.Api.Datasets;
using InstructGpt.Api.Errors;
using InstructGpt.Api.Evaluations;
using InstructGpt.Tasks;
using InstructGpt.Training.Data;
using static InstructGpt.Api.Evaluations.EvaluationRequestValidator;

namespace InstructGpt.Api.Labeling;

/// <summary>
/// Checks a batch before it is queued, with the evaluation's own checks for what the two share (models, sampling, eval sets:
/// <see cref="EvaluationRequestValidator"/>), so the same input gets the same answer from both; then reads its prompts the same
/// way at submission and when the job runs.
/// </summary>
public sealed class BatchValidator(EvaluationRequestValidator evaluations, DatasetCatalog datasets)
{
    /// <summary>K's range: InstructGPT's labelers ranked 4 to 9 outputs (§3.5); pairs are allowed, as the comparisons format allows them.</summary>
    public const int MinOutputs = Comparison.MinCompletions, MaxOutputs = Comparison.MaxCompletions;
    public const int MaxModels = MaxOutputs, MaxOverlap = 10, MaxNameLength = 64;

    public BatchSpec Validate(CreateBatchRequest? body)
    {
        body ??= new CreateBatchRequest();
        if (body.Name is { } name && (name.Length is 0 or > MaxNameLength || string.IsNullOrWhiteSpace(name)))
            throw Invalid("name", $"use 1 to {MaxNameLength} characters, not all blank (got {name.Length})");
        int? maxPrompts = body.MaxPrompts is { } max ? InRange(max, 1, MaxPromptsLimit, "max_prompts") : null;
        if (body.Models is null) throw new InvalidRequestException($"Missing required field 'models': 1 to {MaxModels} checkpoints that write the outputs, such as [\"sft\", \"ppo\"].", "models");
        if (body.Models.Count > MaxModels) throw Invalid("models", $"give 1 to {MaxModels} models (got {body.Models.Count})");
        var models = Distinct(body.Models, "models", "model");
        for (var i = 0; i < models.Count; i++) evaluations.ModelDirectory(models[i], $"models[{i}]");
        var outputs = InRange(body.OutputsPerPrompt ?? Math.Max(MinOutputs, models.Count), MinOutputs, MaxOutputs, "outputs_per_prompt");
        if (outputs < models.Count)
            throw Invalid("outputs_per_prompt", $"{outputs} is fewer than the {models.Count} models; use an integer from {Math.Max(MinOutputs, models.Count)} to {MaxOutputs}");
        var sampling = Sampling(body.Sampling ?? new EvaluationSamplingRequest());
        evaluations.ContextRoom(models, sampling.MaxTokens);
        var spec = new BatchSpec
        {
            Name = body.Name, Prompts = ValidPrompts(body.Prompts), MaxPrompts = maxPrompts, Models = models, OutputsPerPrompt = outputs,
            Sampling = sampling, Overlap = InRange(body.Overlap ?? 1, 1, MaxOverlap, "overlap"),
        };
        ReadPrompts(spec);
        return spec;
    }

    /// <summary>The batch's prompts in order, its first max_prompts; a 400 naming the field when they cannot be read.</summary>
    public IReadOnlyList<PromptTask> ReadPrompts(BatchSpec spec)
    {
        var prompts = spec.Prompts;
        IReadOnlyList<PromptTask> tasks;
        string param;
        if (prompts.EvalSet is { } evalSet)
        {
            param = "prompts.eval_set";
            tasks = evaluations.ReadEvalSet(evalSet, spec.MaxPrompts, param).Prompts;
        }
        else if (prompts.Dataset is { } dataset)
        {
            param = "prompts.dataset";
            tasks = DatasetPrompts(dataset, spec.MaxPrompts);
        }
        else
        {
            param = "prompts.texts";
            // Ids as an eval set would number them; category Other, no constraints: nothing is known about a typed prompt.
            tasks = prompts.Texts!.Take(spec.MaxPrompts ?? int.MaxValue).Select((t, i) => new PromptTask { Id = $"text-{i + 1}", Prompt = t! }).ToArray();
        }
        if (tasks.Count == 0) throw Invalid(param, "it holds no instruction prompts to label");
        var repeated = tasks.GroupBy(t => t.Id, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (repeated is not null) throw Invalid(param, $"the prompt id '{Shorten(repeated.Key)}' appears twice; ids must be unique");
        return tasks;
    }

    private IReadOnlyList<PromptTask> DatasetPrompts(string name, int? maxPrompts)
    {
        const string param = "prompts.dataset";
        if (!DatasetName.IsValid(name)) throw new InvalidRequestException($"Invalid value for '{param}': '{Shorten(name)}' is not a dataset name ({DatasetName.Rule}).", param, "invalid_dataset_name");
        var info = datasets.Find(name) ?? throw new InvalidRequestException($"Invalid value for '{param}': there is no dataset '{name}' (GET /v1/datasets lists them).", param, "dataset_not_found");
        if (info.Kind != DatasetKinds.Prompts)
            throw new InvalidRequestException($"Invalid value for '{param}': '{name}' is a {info.Kind ?? "hand-placed"} dataset; upload prompts with POST /v1/datasets?kind=prompts.", param, "invalid_dataset");
        try
        {
            return PromptDataset.Read(datasets.PathOf(name)).Take(maxPrompts ?? int.MaxValue)
                .Select((r, i) => new PromptTask { Id = r.Metadata.Id ?? $"{name}-{i + 1}", Prompt = r.Prompt }).ToArray();
        }
        catch (Exception e) when (e is DatasetFormatException or IOException or InvalidDataException)
        {
            throw new InvalidRequestException($"Invalid value for '{param}': dataset '{name}' cannot be read: {e.Message}", param, "invalid_dataset");
        }
    }

    private static BatchPrompts ValidPrompts(BatchPrompts? prompts)
    {
        const string shape = "exactly one of {\"eval_set\": name}, {\"dataset\": uploaded prompts dataset} or {\"texts\": [\"...\"]}";
        if (prompts is null) throw new InvalidRequestException($"Missing required field 'prompts': {shape}.", "prompts");
        var given = (prompts.EvalSet is null ? 0 : 1) + (prompts.Dataset is null ? 0 : 1) + (prompts.Texts is null ? 0 : 1);
        if (given != 1) throw Invalid("prompts", $"give {shape} (got {given} of them)");
        if (prompts.Texts is { } texts)
        {
            if (texts.Count is 0 or > MaxPromptsLimit) throw Invalid("prompts.texts", $"give 1 to {MaxPromptsLimit} prompts (got {texts.Count})");
            for (var i = 0; i < texts.Count; i++)
                if (string.IsNullOrWhiteSpace(texts[i])) throw Invalid($"prompts.texts[{i}]", "a prompt must be a non-blank string");
        }
        return prompts;
    }
}
