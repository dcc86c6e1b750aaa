
using InstructGpt.Tasks;

namespace InstructGpt.Tasks.Tests.Labeling;

/// <summary>Hand-written prompts of every category, shaped like the default world's, with their references.</summary>
internal static class LabelingCases
{
    public const string DogSource =
        "A dog is a domesticated carnivore of the genus Canis. It is a kind of canine. " +
        "There are several kinds of dog, such as poodle and corgi.";

    public static PromptTask Poem { get; } = new()
    {
        Prompt = "Write a short poem about a dog.",
        Category = TaskCategory.Generation,
        Reference = "Oh dog, a domesticated carnivore of the genus Canis,\na kind of canine in every way,\nsome call you hound,\nand I will think of you today.",
    };

    public static PromptTask UseWord { get; } = new()
    {
        Prompt = "Use the word 'harbor' in a sentence.",
        Category = TaskCategory.Generation,
        Constraints = [TaskConstraint.IncludeWord("harbor"), TaskConstraint.Sentences(1)],
        Reference = "The ship sailed into the harbor.",
    };

    public static PromptTask DescribeWithoutWord { get; } = new()
    {
        Prompt = "Describe a dog without using the word 'dog'.",
        Category = TaskCategory.Generation,
        Constraints = [TaskConstraint.ExcludeWord("dog")],
        Reference = "It is a domesticated carnivore of the genus Canis. It is a kind of canine.",
    };

    public static PromptTask WhatIsADog { get; } = new()
    {
        Prompt = "What is a dog?",
        Category = TaskCategory.OpenQa,
        Reference = "A dog is a domesticated carnivore of the genus Canis.",
    };

    public static PromptTask WhatIsADogBriefly { get; } = new()
    {
        Prompt = "What is a dog? Use at most 15 words.",
        Category = TaskCategory.OpenQa,
        Constraints = [TaskConstraint.MaxWords(15)],
        Reference = "A dog is a domesticated carnivore of the genus Canis.",
    };

    public static PromptTask KindsOfDog { get; } = new()
    {
        Prompt = "List three kinds of dog.",
        Category = TaskCategory.Brainstorming,
        Constraints = [TaskConstraint.ListItems(3)],
        Reference = "1. poodle\n2. corgi\n3. beagle",
    };

    public static PromptTask Chat { get; } = new()
    {
        Prompt = "Human: Hi! What is a dog?\nAI:",
        Category = TaskCategory.Chat,
        Reference = "Sure! A dog is a domesticated carnivore of the genus Canis.",
    };

    public static PromptTask Opposite { get; } = new()
    {
        Prompt = "Replace 'big' with its opposite in this sentence: A big house.",
        Category = TaskCategory.Rewrite,
        Reference = "A small house.",
    };

    public static PromptTask Summary { get; } = new()
    {
        Prompt = "Summarize the following text in one sentence.\n\n" + DogSource,
        Category = TaskCategory.Summarization,
        Constraints = [TaskConstraint.Sentences(1)],
        Source = DogSource,
        Reference = "A dog is a domesticated carnivore of the genus Canis, and kinds include poodle and corgi.",
    };

    public static PromptTask ClosedQuestion { get; } = new()
    {
        Prompt = "Answer the question using only the text below.\n\nText: " + DogSource + "\n\nQuestion: What kind of thing is a dog?",
        Category = TaskCategory.ClosedQa,
        Source = DogSource,
        Reference = "According to the text, a dog is a kind of canine.",
    };

    public static PromptTask Extraction { get; } = new()
    {
        Prompt = "Extract the kinds of dog mentioned in this text.\n\nText: " + DogSource,
        Category = TaskCategory.Extract,
        Source = DogSource,
        Reference = "poodle, corgi",
    };

    public static PromptTask Classification { get; } = new()
    {
        Prompt = "Is a dog an animal, a plant or a food?",
        Category = TaskCategory.Classification,
        Constraints = [TaskConstraint.OneOf(["animal", "plant", "food"])],
        Reference = "A dog is an animal.",
    };

    public static PromptTask LetterCount { get; } = new()
    {
        Prompt = "How many letters are in the word 'dog'?",
        Category = TaskCategory.Other,
        Reference = "The word 'dog' has 3 letters.",
    };

    public static IReadOnlyList<PromptTask> All { get; } =
    [
        Poem, UseWord, DescribeWithoutWord, WhatIsADog, WhatIsADogBriefly, KindsOfDog, Chat, Opposite, Summary,
        ClosedQuestion, Extraction, Classification, LetterCount,
    ];
}
