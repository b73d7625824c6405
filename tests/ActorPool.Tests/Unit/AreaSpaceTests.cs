using ActorPool.SharedMemory;

namespace ActorPool.Tests.Unit;

public sealed class AreaSpaceTests
{
    private const long Page = 4096;

    [Fact]
    public void Take_FromEmptySpace_HandsOutLowestRangesFirst()
    {
        var space = new AreaSpace(16 * Page, Page);

        Assert.Equal(0, space.Take(2 * Page));
        Assert.Equal(2 * Page, space.Take(Page));
        Assert.Equal(3 * Page, space.Take(4 * Page));
        Assert.Equal(9 * Page, space.FreeBytes);
    }

    [Fact]
    public void Take_LargerThanAnyFreeRange_ReturnsNull()
    {
        var space = new AreaSpace(8 * Page, Page);
        var first = space.Take(3 * Page)!.Value;
        space.Take(2 * Page);
        space.Give(first, 3 * Page);

        Assert.Null(space.Take(4 * Page)); // 3 pages free at the start, 3 at the end: not 4 in a row
        Assert.Equal(0, space.Take(3 * Page));
    }

    [Fact]
    public void Give_InAnyOrder_MergesNeighboursBackIntoOneRange()
    {
        var space = new AreaSpace(10 * Page, Page);
        var ranges = Enumerable.Range(0, 10).Select(_ => space.Take(Page)!.Value).ToList();
        Assert.Null(space.Take(Page));

        foreach (var offset in ranges.OrderBy(o => (o * 7919) % 10))
            space.Give(offset, Page);

        Assert.Equal(10 * Page, space.FreeBytes);
        Assert.Single(space.FreeRanges());
        Assert.Equal(0, space.Take(10 * Page));
    }

    [Fact]
    public void Take_SizeNotAWholeNumberOfUnits_Throws()
    {
        var space = new AreaSpace(4 * Page, Page);

        Assert.Throws<ArgumentOutOfRangeException>(() => space.Take(Page + 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new AreaSpace(Page + 1, Page));
    }
}
