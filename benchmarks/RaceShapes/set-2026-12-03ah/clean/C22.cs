using System.Collections.Concurrent;
using System.Text;

namespace Blind34.Letterpress.Composing;

/// <summary>
/// A composing stick: scratch space for setting one line of type. Sticks are
/// expensive to allocate with their sort tables, so they are pooled.
/// </summary>
public sealed class ComposingStick
{
    private readonly StringBuilder _line = new(80);
    private readonly int[] _sortUse = new int[128];

    public int Measure { get; private set; }

    public void Set(string text, int measure)
    {
        Measure = measure;
        foreach (var ch in text)
        {
            if (ch < 128)
            {
                _sortUse[ch]++;
            }

            _line.Append(ch);
        }
    }

    public string Justify() => _line.Length >= Measure ? _line.ToString() : _line.ToString().PadRight(Measure);

    public int SortsUsed(char ch) => ch < 128 ? _sortUse[ch] : 0;

    internal void Reset()
    {
        _line.Clear();
        Array.Clear(_sortUse);
        Measure = 0;
    }
}

/// <summary>
/// Pool of composing sticks shared by the guild's proofing service.
/// </summary>
public sealed class StickPool
{
    private readonly ConcurrentQueue<ComposingStick> _free = new();
    private readonly int _maxRetained;
    private int _retained;
    private int _created;

    public StickPool(int maxRetained) => _maxRetained = maxRetained;

    public int Created => Volatile.Read(ref _created);

    public ComposingStick Rent()
    {
        if (_free.TryDequeue(out var stick))
        {
            Interlocked.Decrement(ref _retained);
            return stick;
        }

        Interlocked.Increment(ref _created);
        return new ComposingStick();
    }

    public void Return(ComposingStick stick)
    {
        stick.Reset();
        if (Interlocked.Increment(ref _retained) <= _maxRetained)
        {
            _free.Enqueue(stick);
        }
        else
        {
            Interlocked.Decrement(ref _retained);
        }
    }
}

public sealed class ProofingService
{
    private readonly StickPool _pool;

    public ProofingService(StickPool pool) => _pool = pool;

    public async Task<string[]> ProofAsync(IReadOnlyList<string> lines, int measure)
    {
        var set = lines.Select(line => Task.Run(() =>
        {
            var stick = _pool.Rent();
            try
            {
                stick.Set(line, measure);
                return stick.Justify();
            }
            finally
            {
                _pool.Return(stick);
            }
        }));
        return await Task.WhenAll(set).ConfigureAwait(false);
    }
}
