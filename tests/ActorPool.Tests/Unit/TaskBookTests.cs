using ActorPool.Supervision;

namespace ActorPool.Tests.Unit;

public sealed class TaskBookTests
{
    private static PendingTask NewTask(long id) => new(id, [], new TaskCompletionSource<byte[]>());

    private static PendingTask DequeueFirst(TaskBook book)
    {
        var task = book.FirstQueued!.Value;
        book.Dequeue(task);
        return task;
    }

    [Fact]
    public void Add_ThreeTasks_DequeuesInOrderAndKeepsThemBooked()
    {
        var book = new TaskBook();
        book.Add(NewTask(1));
        book.Add(NewTask(2));
        book.Add(NewTask(3));

        Assert.Equal([1L, 2L, 3L], [DequeueFirst(book).Id, DequeueFirst(book).Id, DequeueFirst(book).Id]);
        Assert.Equal(3, book.Count);
        Assert.Equal(0, book.Queued);
        Assert.Null(book.FirstQueued);
    }

    [Fact]
    public void Dequeue_TaskInTheMiddle_LeavesTheOthersInOrder()
    {
        var book = new TaskBook();
        var tasks = new[] { NewTask(1), NewTask(2), NewTask(3) };
        foreach (var task in tasks)
            book.Add(task);

        book.Dequeue(tasks[1]);

        Assert.Equal([1L, 3L], [DequeueFirst(book).Id, DequeueFirst(book).Id]);
        Assert.Equal(3, book.Count);
    }

    [Fact]
    public void Requeue_TaskBackFromAChild_GoesFirstAndForgetsItsChild()
    {
        var book = new TaskBook();
        book.Add(NewTask(1));
        book.Add(NewTask(2));
        var running = DequeueFirst(book);
        running.ChildId = 7;

        book.Requeue(running);

        Assert.Equal(1, book.FirstQueued!.Value.Id);
        Assert.Null(running.ChildId);
        Assert.Equal(2, book.Queued);
    }

    [Fact]
    public void Requeue_TaskAlreadyQueued_IsNotQueuedTwice()
    {
        var book = new TaskBook();
        var task = NewTask(1);
        book.Add(task);

        book.Requeue(task);

        Assert.Equal(1, book.Queued);
    }

    [Fact]
    public void Remove_QueuedTask_LeavesBookAndQueue()
    {
        var book = new TaskBook();
        book.Add(NewTask(1));
        book.Add(NewTask(2));

        Assert.True(book.Remove(1, out var removed));

        Assert.Equal(1, removed.Id);
        Assert.Equal(2, book.FirstQueued!.Value.Id);
        Assert.False(book.TryGet(1, out _));
        Assert.False(book.Remove(1, out _));
    }

    [Fact]
    public void RemoveAll_BookedAndQueued_ReturnsEveryTaskAndEmptiesTheBook()
    {
        var book = new TaskBook();
        book.Add(NewTask(1));
        book.Add(NewTask(2));
        DequeueFirst(book);

        var all = book.RemoveAll();

        Assert.Equal([1L, 2L], all.Select(t => t.Id).Order());
        Assert.Equal(0, book.Count);
        Assert.Equal(0, book.Queued);
    }
}
