using System.Collections.Concurrent;
using System.Collections.Generic;
using Microsoft.Extensions.Hosting;

namespace Blind47.SnowGrooming.Hub;

public readonly record struct BladeSample(double Lat, double Lon, double DepthCm, DateTime At);

/// <summary>Per-connection state for one snowcat cab unit.</summary>
public sealed class CabConnection
{
    private readonly object _gate = new();
    private readonly Queue<BladeSample> _recent = new();
    private DateTime _lastSeen;

    public CabConnection(string id) => Id = id;

    public string Id { get; }

    public void Add(BladeSample sample)
    {
        lock (_gate)
        {
            _recent.Enqueue(sample);
            _lastSeen = sample.At;
        }
    }

    public int Trim(DateTime cutoff)
    {
        lock (_gate)
        {
            var removed = 0;
            while (_recent.Count > 0 && _recent.Peek().At < cutoff)
            {
                _recent.Dequeue();
                removed++;
            }

            return removed;
        }
    }

    public (BladeSample[] Samples, DateTime LastSeen) Read()
    {
        lock (_gate)
        {
            return (_recent.ToArray(), _lastSeen);
        }
    }
}

/// <summary>
/// Connections for the grooming hub. The hub methods run per message on
/// whichever thread the transport uses; the sweeper runs on its own schedule.
/// </summary>
public sealed class CabConnectionStore
{
    private readonly ConcurrentDictionary<string, CabConnection> _connections = new();

    public CabConnection OnConnected(string id) => _connections.GetOrAdd(id, static key => new CabConnection(key));

    public void OnDisconnected(string id) => _connections.TryRemove(id, out _);

    public void OnSample(string id, BladeSample sample)
    {
        if (_connections.TryGetValue(id, out var connection))
        {
            connection.Add(sample);
        }
    }

    public IEnumerable<CabConnection> All => _connections.Values;

    public void Drop(CabConnection connection) =>
        _connections.TryRemove(new KeyValuePair<string, CabConnection>(connection.Id, connection));
}

public sealed class CabSweeper : BackgroundService
{
    private readonly CabConnectionStore _store;

    public CabSweeper(CabConnectionStore store) => _store = store;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(30));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            var now = DateTime.UtcNow;
            foreach (var connection in _store.All)
            {
                connection.Trim(now.AddMinutes(-45));
                var (_, lastSeen) = connection.Read();
                if (now - lastSeen > TimeSpan.FromMinutes(10))
                {
                    _store.Drop(connection);
                }
            }
        }
    }
}
