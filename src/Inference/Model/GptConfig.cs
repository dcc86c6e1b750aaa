using System.Text.Json;
using System.Text.Json.Serialization;

namespace InstructGpt.Inference.Model;

/// <summary>
/// The model's shape, with Hugging Face GPT2Config's field names and meanings, so config.json is
/// interchangeable with transformers' GPT-2 checkpoints. Fields HF writes that we do not use are kept
/// in <see cref="Extra"/> and written back unchanged.
/// </summary>
public sealed record GptConfig
{
    [JsonPropertyName("vocab_size")] public int VocabSize { get; init; } = 50257;
    [JsonPropertyName("n_positions")] public int NPositions { get; init; } = 1024;
    [JsonPropertyName("n_embd")] public int NEmbd { get; init; } = 768;
    [JsonPropertyName("n_layer")] public int NLayer { get; init; } = 12;
    [JsonPropertyName("n_head")] public int NHead { get; init; } = 12;
    /// <summary>MLP width; null means 4 × n_embd, as in GPT-2.</summary>
    [JsonPropertyName("n_inner")] public int? NInner { get; init; }
    [JsonPropertyName("layer_norm_epsilon")] public double LayerNormEpsilon { get; init; } = 1e-5;
    [JsonPropertyName("activation_function")] public string ActivationFunction { get; init; } = "gelu_new";
    [JsonPropertyName("resid_pdrop")] public double ResidPdrop { get; init; } = 0.1;
    [JsonPropertyName("embd_pdrop")] public double EmbdPdrop { get; init; } = 0.1;
    [JsonPropertyName("attn_pdrop")] public double AttnPdrop { get; init; } = 0.1;
    [JsonPropertyName("initializer_range")] public double InitializerRange { get; init; } = 0.02;
    [JsonPropertyName("bos_token_id")] public int BosTokenId { get; init; } = 50256;
    [JsonPropertyName("eos_token_id")] public int EosTokenId { get; init; } = 50256;
    /// <summary>Padding id, distinct from EOS where the vocabulary has one; null for GPT-2's own vocabulary, which has none.</summary>
    [JsonPropertyName("pad_token_id")] public int? PadTokenId { get; init; }
    [JsonPropertyName("model_type")] public string ModelType { get; init; } = "gpt2";
    [JsonPropertyName("architectures")] public string[] Architectures { get; init; } = ["GPT2LMHeadModel"];
    [JsonPropertyName("tie_word_embeddings")] public bool TieWordEmbeddings { get; init; } = true;
    [JsonPropertyName("torch_dtype")] public string? TorchDtype { get; init; } = "float32";

    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; init; }

    [JsonIgnore] public int InnerSize => NInner ?? 4 * NEmbd;
    [JsonIgnore] public int HeadSize => NEmbd / NHead;

    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.Never };

    /// <summary>Checks the fields against their allowed ranges; throws naming every bad field.</summary>
    public GptConfig Validate(string source = "config")
    {
        var problems = new List<string>();
        if (VocabSize < 1) problems.Add($"vocab_size must be >= 1 (got {VocabSize})");
        if (NPositions < 1) problems.Add($"n_positions must be >= 1 (got {NPositions})");
        if (NLayer < 1) problems.Add($"n_layer must be >= 1 (got {NLayer})");
        if (NHead < 1) problems.Add($"n_head must be >= 1 (got {NHead})");
        if (NEmbd < 1 || (NHead >= 1 && NEmbd % NHead != 0)) problems.Add($"n_embd must be a positive multiple of n_head (got n_embd {NEmbd}, n_head {NHead})");
        if (NInner is < 1) problems.Add($"n_inner must be >= 1 or null (got {NInner})");
        if (ActivationFunction is not ("gelu_new" or "gelu" or "gelu_pytorch_tanh" or "relu"))
            problems.Add($"activation_function must be one of gelu_new, gelu_pytorch_tanh, gelu, relu (got '{ActivationFunction}')");
        foreach (var (name, p) in new[] { ("resid_pdrop", ResidPdrop), ("embd_pdrop", EmbdPdrop), ("attn_pdrop", AttnPdrop) })
            if (p is < 0 or >= 1) problems.Add($"{name} must be in [0, 1) (got {p})");
        if (EosTokenId < 0 || EosTokenId >= VocabSize) problems.Add($"eos_token_id must be in [0, {VocabSize - 1}] (got {EosTokenId})");
        if (PadTokenId is { } pad && (pad < 0 || pad >= VocabSize)) problems.Add($"pad_token_id must be in [0, {VocabSize - 1}] (got {pad})");
        if (problems.Count > 0) throw new InvalidDataException($"{source}: " + string.Join("; ", problems));
        return this;
    }

    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    public static GptConfig FromJson(string json, string source = "config.json")
    {
        GptConfig? config;
        try
        {
            config = JsonSerializer.Deserialize<GptConfig>(json, JsonOptions);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{source}: invalid JSON at line {(e.LineNumber ?? 0) + 1}, field {e.Path}: {e.Message}", e);
        }
        if (config is null) throw new InvalidDataException($"{source}: expected a JSON object");
        // Older HF configs name the context n_ctx; prefer it when n_positions is absent.
        if (config.Extra is { } extra && extra.TryGetValue("n_ctx", out var nCtx) && !json.Contains("\"n_positions\"", StringComparison.Ordinal))
            config = config with { NPositions = nCtx.GetInt32() };
        return config.Validate(source);
    }
}
