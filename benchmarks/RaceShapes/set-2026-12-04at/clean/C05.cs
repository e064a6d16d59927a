namespace Blind46.IceRink.Resurfacing;

public sealed class RinkPlcConnection : IDisposable
{
    public RinkPlcConnection(string endpoint, int generation)
    {
        Endpoint = endpoint;
        Generation = generation;
    }

    public string Endpoint { get; }
    public int Generation { get; }

    public Task<double> ReadIceTempAsync(CancellationToken ct) => Task.FromResult(-5.5);

    public void Dispose()
    {
    }
}

/// <summary>
/// Pool of connections to the rink's refrigeration PLC. Shared by the resurfacing
/// scheduler, the public display and the brine-pump monitor. When the PLC address
/// changes the pool is drained and old connections are closed as they come back.
/// </summary>
public sealed class RinkPlcPool : IDisposable
{
    private readonly object _sync = new();
    private Stack<RinkPlcConnection> _idle = new();
    private string _endpoint;
    private int _generation;
    private readonly int _maxIdle;

    public RinkPlcPool(string endpoint, int maxIdle)
    {
        _endpoint = endpoint;
        _maxIdle = maxIdle;
    }

    public RinkPlcConnection Rent()
    {
        string endpoint;
        int generation;
        lock (_sync)
        {
            if (_idle.Count > 0)
                return _idle.Pop();
            endpoint = _endpoint;
            generation = _generation;
        }

        return new RinkPlcConnection(endpoint, generation);
    }

    public void Return(RinkPlcConnection connection)
    {
        lock (_sync)
        {
            if (connection.Generation == _generation && _idle.Count < _maxIdle)
            {
                _idle.Push(connection);
                return;
            }
        }

        connection.Dispose();
    }

    public void Reconfigure(string endpoint)
    {
        Stack<RinkPlcConnection> drained;
        lock (_sync)
        {
            _endpoint = endpoint;
            _generation++;
            drained = _idle;
            _idle = new Stack<RinkPlcConnection>();
        }

        while (drained.Count > 0)
            drained.Pop().Dispose();
    }

    public void Dispose() => Reconfigure(string.Empty);
}

public sealed class IceTemperatureDisplay
{
    private readonly RinkPlcPool _pool;

    public IceTemperatureDisplay(RinkPlcPool pool) => _pool = pool;

    public async Task<string> RenderAsync(CancellationToken ct)
    {
        var connection = _pool.Rent();
        try
        {
            double temp = await connection.ReadIceTempAsync(ct).ConfigureAwait(false);
            return $"Ice {temp:F1} °C";
        }
        finally
        {
            _pool.Return(connection);
        }
    }
}
