using InstructGpt.Api.Datasets;
using InstructGpt.Api.Errors;
using InstructGpt.Training.EvalSets;

namespace InstructGpt.Api.Evaluations;

/// <summary>
/// Finds the file an eval-set name stands for: one of the committed sets in eval-sets/ (<see cref="EvalSetFiles.Names"/>), or a
/// dataset uploaded through /v1/datasets (<see cref="DatasetCatalog"/>). Anything else, a path included, is refused: an uploaded
/// dataset's name is one plain file name (<see cref="DatasetName"/>), so no name reaches another file.
/// </summary>
public sealed class EvalSetLocator(DatasetCatalog datasets, string? evalSetsDirectory)
{
    /// <summary>The file <paramref name="name"/> names; a 400 naming <paramref name="param"/> when it is invalid or missing.</summary>
    public string Resolve(string? name, string param)
    {
        var choices = $"use one of {string.Join(", ", EvalSetFiles.Names)}, or the name of a dataset uploaded with POST /v1/datasets";
        if (string.IsNullOrWhiteSpace(name))
            throw new InvalidRequestException($"Invalid value for '{param}': the eval set name is empty; {choices}.", param);
        if (EvalSetFiles.Names.Contains(name))
        {
            if (evalSetsDirectory is null || !File.Exists(Path.Combine(evalSetsDirectory, name + ".jsonl")))
                throw new InvalidRequestException(
                    $"Invalid value for '{param}': this server has no {EvalSetFiles.DirectoryName}/{name}.jsonl (set Evaluations:EvalSetsDirectory); " +
                    "upload the set with POST /v1/datasets and name the upload instead.", param, "dataset_not_found");
            return EvalSetFiles.ResolvePath(name, evalSetsDirectory);
        }
        if (!DatasetName.IsValid(name))
            throw new InvalidRequestException($"Invalid value for '{param}': '{Shorten(name)}' is not an eval set name ({DatasetName.Rule}; no '/'); {choices}.",
                param, "invalid_dataset_name");
        if (!datasets.Exists(name))
            throw new InvalidRequestException($"Invalid value for '{param}': there is no eval set '{name}'; {choices} (GET /v1/datasets lists them).",
                param, "dataset_not_found");
        return datasets.PathOf(name);
    }

    private static string Shorten(string s) => s.Length <= 64 ? s : s[..64] + "…";
}
