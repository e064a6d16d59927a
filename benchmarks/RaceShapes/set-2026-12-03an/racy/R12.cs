using Microsoft.Extensions.Hosting;

namespace Blind40.AirshipTours.LiveTracking;

public readonly record struct PositionFix(double Latitude, double Longitude, double AltitudeM, DateTimeOffset At);

/// <summary>A passenger's browser connected over a WebSocket.</summary>
public sealed class PassengerSocket
{
    public PassengerSocket(string id) => Id = id;

    public string Id { get; }

    public Task SendAsync(string payload, CancellationToken ct) => Task.Delay(1, ct);
}

/// <summary>
/// Registry of passengers currently watching the live flight map. Singleton;
/// the WebSocket endpoint calls Join and Leave as browsers connect and drop.
/// </summary>
public sealed class FlightUpdateHub
{
    private readonly object _sync = new();
    private readonly List<PassengerSocket> _sockets = new();

    public void Join(PassengerSocket socket)
    {
        lock (_sync)
        {
            _sockets.Add(socket);
        }
    }

    public void Leave(PassengerSocket socket)
    {
        lock (_sync)
        {
            _sockets.Remove(socket);
        }
    }

    public IReadOnlyList<PassengerSocket> Connected => _sockets;
}

public interface IFlightTracker
{
    PositionFix Current { get; }
}

/// <summary>Pushes the airship's position to every connected passenger every two seconds.</summary>
public sealed class FlightPositionBroadcaster : BackgroundService
{
    private readonly FlightUpdateHub _hub;
    private readonly IFlightTracker _tracker;

    public FlightPositionBroadcaster(FlightUpdateHub hub, IFlightTracker tracker)
    {
        _hub = hub;
        _tracker = tracker;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(2));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            var fix = _tracker.Current;
            string payload = $"{{\"lat\":{fix.Latitude},\"lon\":{fix.Longitude},\"alt\":{fix.AltitudeM}}}";

            foreach (var socket in _hub.Connected)
            {
                try
                {
                    await socket.SendAsync(payload, stoppingToken);
                }
                catch (IOException)
                {
                    // The socket endpoint notices the drop and calls Leave.
                }
            }
        }
    }
}
