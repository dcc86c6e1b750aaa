namespace InstructGpt.Training.World.WordNet;

/// <summary>WordNet 3.0's lexicographer file numbers that the world uses (lexnames(5WN)).</summary>
public static class LexicographerFile
{
    public const int NounTops = 3;
    public const int NounAct = 4;
    public const int NounAnimal = 5;
    public const int NounArtifact = 6;
    public const int NounBody = 8;
    public const int NounCommunication = 10;
    public const int NounEvent = 11;
    public const int NounFeeling = 12;
    public const int NounFood = 13;
    public const int NounLocation = 15;
    public const int NounObject = 17;
    public const int NounPerson = 18;
    public const int NounPlant = 20;
    public const int NounShape = 25;
    public const int NounSubstance = 27;
    public const int NounTime = 28;
}
