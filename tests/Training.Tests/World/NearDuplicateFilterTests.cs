using InstructGpt.Training.World;

namespace InstructGpt.Training.Tests.World;

public class NearDuplicateFilterTests
{
    [Fact]
    public void PromptsAgreeingOnALongPrefixAreDuplicates()
    {
        var filter = new NearDuplicateFilter();
        var prefix = new string('x', NearDuplicateFilter.PrefixLength);
        Assert.True(filter.TryAdd(prefix + " first ending"));
        Assert.False(filter.TryAdd(prefix + " another ending"));
        Assert.True(filter.TryAdd("y" + prefix));
    }

    [Fact]
    public void CaseAndWhitespaceDoNotMatter()
    {
        var filter = new NearDuplicateFilter();
        Assert.True(filter.TryAdd("What is a dog?"));
        Assert.False(filter.TryAdd("  what  is a\nDOG?"));
    }

    [Fact]
    public void ShortPromptsMustMatchExactly()
    {
        var filter = new NearDuplicateFilter();
        Assert.True(filter.TryAdd("What is a dog?"));
        Assert.True(filter.TryAdd("What is a dog? Answer in one sentence."));
        Assert.True(filter.IsDuplicate("What is a dog?"));
        Assert.Equal(2, filter.Count);
    }

    [Fact]
    public void KeysAreAtMostThePrefixLength() =>
        Assert.Equal(NearDuplicateFilter.PrefixLength, NearDuplicateFilter.Key(new string('a', 500)).Length);
}
