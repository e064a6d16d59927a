using System.Text;

namespace Serialization.Json.Pooling;

/// <summary>Scratch buffers used by the JSON encoder for one document.</summary>
public sealed class EncoderScratch
{
    public StringBuilder Text { get; } = new(512);
    public List<int> ContainerStack { get; } = new(16);

    public void Clear()
    {
        Text.Clear();
        ContainerStack.Clear();
    }
}

/// <summary>
/// Pool of <see cref="EncoderScratch"/> objects shared by every encoder in the process.
/// </summary>
public sealed class EncoderScratchPool
{
    public static EncoderScratchPool Shared { get; } = new(Environment.ProcessorCount * 2);

    private readonly EncoderScratch?[] _slots;
    private EncoderScratch? _fastSlot;

    public EncoderScratchPool(int size)
    {
        _slots = new EncoderScratch?[Math.Max(1, size - 1)];
    }

    public EncoderScratch Rent()
    {
        var fast = Volatile.Read(ref _fastSlot);
        if (fast != null && Interlocked.CompareExchange(ref _fastSlot, null, fast) == fast)
        {
            return fast;
        }

        var slots = _slots;
        for (int i = 0; i < slots.Length; i++)
        {
            var candidate = Volatile.Read(ref slots[i]);
            if (candidate != null && Interlocked.CompareExchange(ref slots[i], null, candidate) == candidate)
            {
                return candidate;
            }
        }

        return new EncoderScratch();
    }

    public void Return(EncoderScratch scratch)
    {
        scratch.Clear();

        if (Interlocked.CompareExchange(ref _fastSlot, scratch, null) == null)
        {
            return;
        }

        var slots = _slots;
        for (int i = 0; i < slots.Length; i++)
        {
            if (Interlocked.CompareExchange(ref slots[i], scratch, null) == null)
            {
                return;
            }
        }
    }
}
