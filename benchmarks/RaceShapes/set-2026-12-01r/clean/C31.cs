using System.Timers;
using Timer = System.Timers.Timer;

namespace Elevators.Parking;

public sealed record CarPosition(int Car, int Floor, bool Idle);

/// <summary>
/// Sends idle elevator cars to their parking floors when traffic is low (lobby in the
/// morning, upper floors in the evening). The building management API updates the
/// parking plan while the timer is running.
/// </summary>
public sealed class IdleCarParking : IDisposable
{
    private readonly object _gate = new();
    private readonly Timer _timer;
    private readonly Func<IReadOnlyList<CarPosition>> _readCars;
    private readonly Action<int, int> _sendCar;
    private int[] _parkingFloors;
    private readonly Dictionary<int, DateTime> _idleSince = new();

    public IdleCarParking(int[] parkingFloors, Func<IReadOnlyList<CarPosition>> readCars, Action<int, int> sendCar)
    {
        _parkingFloors = parkingFloors;
        _readCars = readCars;
        _sendCar = sendCar;
        _timer = new Timer(15_000) { AutoReset = true };
        _timer.Elapsed += OnElapsed;
        _timer.Start();
    }

    /// <summary>Called from the building management API.</summary>
    public void UpdatePlan(int[] parkingFloors)
    {
        lock (_gate)
        {
            _parkingFloors = parkingFloors;
            _idleSince.Clear();
        }
    }

    public int[] CurrentPlan()
    {
        lock (_gate)
        {
            return (int[])_parkingFloors.Clone();
        }
    }

    private void OnElapsed(object? sender, ElapsedEventArgs e)
    {
        var cars = _readCars();
        lock (_gate)
        {
            foreach (var car in cars)
            {
                if (!car.Idle)
                {
                    _idleSince.Remove(car.Car);
                    continue;
                }

                if (!_idleSince.TryGetValue(car.Car, out var since))
                {
                    _idleSince[car.Car] = e.SignalTime;
                    continue;
                }

                var target = _parkingFloors[car.Car % _parkingFloors.Length];
                if (car.Floor != target && e.SignalTime - since > TimeSpan.FromMinutes(2))
                {
                    _sendCar(car.Car, target);
                    _idleSince.Remove(car.Car);
                }
            }
        }
    }

    public void Dispose()
    {
        _timer.Stop();
        _timer.Dispose();
    }
}
