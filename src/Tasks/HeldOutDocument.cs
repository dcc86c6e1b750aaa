namespace InstructGpt.Tasks;

/// <summary>A document of held-out pretraining text, scored by each model for the alignment tax (InstructGPT §4.2).</summary>
public sealed record HeldOutDocument(string Id, string Text);
