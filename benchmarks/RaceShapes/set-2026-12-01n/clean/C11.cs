namespace ElevatorDispatch.Bank;

public sealed class Car
{
    public Car(int id, int floor)
    {
        Id = id;
        Floor = floor;
    }

    public int Id { get; }
    public int Floor { get; set; }
    public int? Destination { get; set; }
}

public interface IMotorControl
{
    void Send(int carId, int floor);
}

/// <summary>
/// Assigns landing calls to the cars of a lift bank. Button presses arrive on thread-pool
/// work items and arrival notifications come from the motor controller's thread.
/// </summary>
public sealed class LandingCallAllocator
{
    private readonly object _gate = new();
    private readonly Car[] _cars;
    private readonly Queue<int> _backlog = new();
    private readonly IMotorControl _motors;

    public LandingCallAllocator(Car[] cars, IMotorControl motors)
    {
        _cars = cars;
        _motors = motors;
    }

    public void OnLandingButton(int floor) => ThreadPool.QueueUserWorkItem(_ => Allocate(floor));

    private void Allocate(int floor)
    {
        int carId;
        lock (_gate)
        {
            var idle = _cars
                .Where(c => c.Destination is null)
                .OrderBy(c => Math.Abs(c.Floor - floor))
                .FirstOrDefault();

            if (idle is null)
            {
                _backlog.Enqueue(floor);
                return;
            }

            idle.Destination = floor;
            carId = idle.Id;
        }

        _motors.Send(carId, floor);
    }

    public void OnArrived(int carId)
    {
        int? next = null;
        lock (_gate)
        {
            var car = _cars.Single(c => c.Id == carId);
            car.Floor = car.Destination ?? car.Floor;
            car.Destination = _backlog.Count > 0 ? _backlog.Dequeue() : null;
            next = car.Destination;
        }

        if (next is int floor)
        {
            _motors.Send(carId, floor);
        }
    }

    public IReadOnlyList<(int CarId, int Floor, int? Destination)> Status()
    {
        lock (_gate)
        {
            return _cars.Select(c => (c.Id, c.Floor, c.Destination)).ToList();
        }
    }
}
