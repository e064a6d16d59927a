namespace PaperMill.Vats;

/// <summary>
/// Pool of sample buffers for the vat consistency sensors. Shared by every
/// sensor reader in the mill; a buffer belongs to one reader between
/// <see cref="Rent"/> and <see cref="Return"/>.
/// </summary>
public sealed class SampleBufferPool
{
    private readonly object _gate = new();
    private readonly Stack<double[]> _free = new();
    private readonly int _bufferLength;
    private readonly int _maxRetained;
    private int _created;

    public SampleBufferPool(int bufferLength, int maxRetained)
    {
        _bufferLength = bufferLength;
        _maxRetained = maxRetained;
    }

    public int Created => Volatile.Read(ref _created);

    public double[] Rent()
    {
        lock (_gate)
        {
            if (_free.Count > 0)
            {
                return _free.Pop();
            }
        }
        Interlocked.Increment(ref _created);
        return new double[_bufferLength];
    }

    public void Return(double[] buffer)
    {
        if (buffer.Length != _bufferLength)
        {
            throw new ArgumentException("Buffer does not belong to this pool.", nameof(buffer));
        }

        Array.Clear(buffer);
        lock (_gate)
        {
            if (_free.Count < _maxRetained)
            {
                _free.Push(buffer);
            }
        }
    }
}

public sealed record VatReading(int Vat, double MeanConsistency, double MinConsistency, double MaxConsistency);

public sealed class VatConsistencyReader
{
    private readonly SampleBufferPool _pool;
    private readonly Func<int, Memory<double>, CancellationToken, ValueTask<int>> _sample;

    public VatConsistencyReader(SampleBufferPool pool, Func<int, Memory<double>, CancellationToken, ValueTask<int>> sample)
    {
        _pool = pool;
        _sample = sample;
    }

    public async Task<VatReading> ReadAsync(int vat, CancellationToken ct)
    {
        var buffer = _pool.Rent();
        try
        {
            int n = await _sample(vat, buffer, ct).ConfigureAwait(false);
            if (n == 0) return new VatReading(vat, 0, 0, 0);

            return Summarize(vat, buffer, n);
        }
        finally
        {
            _pool.Return(buffer);
        }
    }

    private static VatReading Summarize(int vat, double[] buffer, int n)
    {
        double sum = 0, min = double.MaxValue, max = double.MinValue;
        foreach (var v in buffer.AsSpan(0, n))
        {
            sum += v;
            if (v < min) min = v;
            if (v > max) max = v;
        }
        return new VatReading(vat, sum / n, min, max);
    }

    public Task<VatReading[]> ReadAllAsync(IEnumerable<int> vats, CancellationToken ct) =>
        Task.WhenAll(vats.Select(v => ReadAsync(v, ct)));
}
