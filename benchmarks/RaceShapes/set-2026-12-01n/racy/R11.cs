namespace ElevatorDispatch;

public sealed class ElevatorCar
{
    public ElevatorCar(int id, int currentFloor)
    {
        Id = id;
        CurrentFloor = currentFloor;
    }

    public int Id { get; }
    public int CurrentFloor { get; set; }
    public int? TargetFloor { get; set; }
}

public interface ICarDrive
{
    void MoveTo(int carId, int floor);
}

/// <summary>
/// Assigns hall calls to cars in one lift bank. Each hall-call button's interrupt is turned
/// into a work item on the thread pool; car-arrival notifications come from the drive controller.
/// </summary>
public sealed class HallCallDispatcher
{
    private readonly object _gate = new();
    private readonly ElevatorCar[] _cars;
    private readonly Queue<int> _waitingCalls = new();
    private readonly ICarDrive _drive;

    public HallCallDispatcher(ElevatorCar[] cars, ICarDrive drive)
    {
        _cars = cars;
        _drive = drive;
    }

    public void OnHallButton(int floor) => ThreadPool.QueueUserWorkItem(_ => Dispatch(floor));

    private void Dispatch(int floor)
    {
        ElevatorCar? best;
        lock (_gate)
        {
            best = _cars
                .Where(c => c.TargetFloor is null)
                .OrderBy(c => Math.Abs(c.CurrentFloor - floor))
                .FirstOrDefault();

            if (best is null)
            {
                _waitingCalls.Enqueue(floor);
                return;
            }
        }

        best.TargetFloor = floor;
        _drive.MoveTo(best.Id, floor);
    }

    /// <summary>Called by the drive controller when a car stops at its target floor.</summary>
    public void OnCarArrived(int carId)
    {
        int? next = null;
        ElevatorCar car;
        lock (_gate)
        {
            car = _cars.Single(c => c.Id == carId);
            car.CurrentFloor = car.TargetFloor ?? car.CurrentFloor;
            if (_waitingCalls.Count > 0)
            {
                next = _waitingCalls.Dequeue();
                car.TargetFloor = next;
            }
            else
            {
                car.TargetFloor = null;
            }
        }

        if (next is int floor)
        {
            _drive.MoveTo(carId, floor);
        }
    }
}
