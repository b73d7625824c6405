namespace ActorPool.Launch;

/// <summary>The last few lines a child wrote, kept to explain why it could not start; safe to add to from any thread.</summary>
internal sealed class RecentLines(int capacity)
{
    private readonly Queue<string> _lines = new();

    public void Add(string line)
    {
        lock (_lines)
        {
            _lines.Enqueue(line);
            if (_lines.Count > capacity)
                _lines.Dequeue();
        }
    }

    public override string ToString()
    {
        lock (_lines)
            return string.Join(Environment.NewLine, _lines);
    }
}
