namespace Blind42.Glassblowing.Kilns;

/// <summary>
/// Reusable byte buffers for reading annealing-kiln telemetry frames. One pool is shared by
/// all kiln connections in the process; Rent and Return are called from many socket threads.
/// </summary>
public sealed class KilnFrameBufferPool
{
    private readonly Stack<byte[]> _free = new();
    private readonly object _lock = new();
    private readonly int _bufferSize;
    private readonly int _maxRetained;
    private int _allocated;
    private int _returned;

    public KilnFrameBufferPool(int bufferSize, int maxRetained)
    {
        _bufferSize = bufferSize;
        _maxRetained = maxRetained;
    }

    public byte[] Rent()
    {
        lock (_lock)
        {
            if (_free.Count > 0)
            {
                return _free.Pop();
            }
        }

        _allocated++;
        return new byte[_bufferSize];
    }

    public void Return(byte[] buffer)
    {
        if (buffer.Length != _bufferSize)
        {
            throw new ArgumentException("Buffer does not belong to this pool.", nameof(buffer));
        }

        lock (_lock)
        {
            _returned++;
            if (_free.Count < _maxRetained)
            {
                _free.Push(buffer);
            }
        }
    }

    /// <summary>Diagnostics for the kiln dashboard.</summary>
    public (int Allocated, int Returned, int Retained) GetStatistics()
    {
        lock (_lock)
        {
            return (_allocated, _returned, _free.Count);
        }
    }
}

/// <summary>Reads frames from a single kiln controller connection.</summary>
public sealed class KilnConnection
{
    private readonly KilnFrameBufferPool _pool;
    private readonly Stream _stream;

    public KilnConnection(KilnFrameBufferPool pool, Stream stream)
    {
        _pool = pool;
        _stream = stream;
    }

    public async Task<double> ReadAverageTemperatureAsync(CancellationToken cancellationToken)
    {
        var buffer = _pool.Rent();
        try
        {
            var read = await _stream.ReadAsync(buffer, cancellationToken);
            double sum = 0;
            var samples = read / 2;
            for (var i = 0; i < samples; i++)
            {
                sum += BitConverter.ToUInt16(buffer, i * 2) / 10.0;
            }
            return samples == 0 ? 0 : sum / samples;
        }
        finally
        {
            _pool.Return(buffer);
        }
    }
}
