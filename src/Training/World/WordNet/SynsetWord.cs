namespace InstructGpt.Training.World.WordNet;

/// <summary>One word of a synset: its text (underscores turned into spaces) and its lex_id.</summary>
public sealed record SynsetWord(string Text, int LexId);
