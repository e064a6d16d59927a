using System.Text;

namespace Serialization.Buffers;

/// <summary>Per-call scratch state used while writing a document.</summary>
public sealed class WriterState
{
    public StringBuilder Buffer { get; } = new(capacity: 1024);
    public Stack<string> OpenElements { get; } = new();
    public int Depth { get; set; }

    public void Reset()
    {
        Buffer.Clear();
        OpenElements.Clear();
        Depth = 0;
    }
}

/// <summary>
/// Pool of <see cref="WriterState"/> instances. A single slot serves the common case where one
/// object is rented and returned in quick succession; an array holds a few more. Serializers
/// running on many threads rent and return through the shared <see cref="Shared"/> instance.
/// </summary>
public sealed class WriterStatePool
{
    public static WriterStatePool Shared { get; } = new(Environment.ProcessorCount * 2);

    private readonly WriterState?[] _items;
    private WriterState? _firstItem;

    public WriterStatePool(int size)
    {
        _items = new WriterState?[Math.Max(1, size - 1)];
    }

    public WriterState Rent()
    {
        var item = _firstItem;
        if (item != null)
        {
            _firstItem = null;
            return item;
        }

        return RentSlow();
    }

    public void Return(WriterState state)
    {
        state.Reset();

        if (Interlocked.CompareExchange(ref _firstItem, state, null) == null)
        {
            return;
        }

        var items = _items;
        for (int i = 0; i < items.Length; i++)
        {
            if (Interlocked.CompareExchange(ref items[i], state, null) == null)
            {
                return;
            }
        }

        // Pool is full; let the GC have it.
    }

    private WriterState RentSlow()
    {
        var items = _items;
        for (int i = 0; i < items.Length; i++)
        {
            var candidate = Volatile.Read(ref items[i]);
            if (candidate != null && Interlocked.CompareExchange(ref items[i], null, candidate) == candidate)
            {
                return candidate;
            }
        }

        return new WriterState();
    }
}
