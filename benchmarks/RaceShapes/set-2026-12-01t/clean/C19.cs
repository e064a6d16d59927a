using System.Collections.Concurrent;

namespace FoodTruck.Pager;

public sealed class OrderReadyEventArgs : EventArgs
{
    public OrderReadyEventArgs(int orderNumber, string customer)
    {
        OrderNumber = orderNumber;
        Customer = customer;
    }

    public int OrderNumber { get; }
    public string Customer { get; }
}

/// <summary>
/// Grill and fryer stations raise <see cref="OrderReady"/> from their own
/// worker threads when an order is bagged.
/// </summary>
public sealed class KitchenStations
{
    public event EventHandler<OrderReadyEventArgs>? OrderReady;

    public Task StartStationAsync(string station, IEnumerable<(int Order, string Customer)> work, CancellationToken ct) =>
        Task.Run(async () =>
        {
            foreach (var (order, customer) in work)
            {
                await Task.Delay(TimeSpan.FromSeconds(2), ct);
                OrderReady?.Invoke(this, new OrderReadyEventArgs(order, customer));
            }
        }, ct);
}

public interface ISmsSender
{
    Task SendAsync(string customer, string text);
}

/// <summary>
/// Notifies customers by SMS and shows the "ready" list on the serving hatch screen.
/// </summary>
public sealed class CustomerPager
{
    private readonly ISmsSender _sms;
    private readonly ConcurrentQueue<int> _readyForCollection = new();
    private int _smsFailures;

    public CustomerPager(KitchenStations stations, ISmsSender sms)
    {
        _sms = sms;
        stations.OrderReady += OnOrderReady;
    }

    public int SmsFailures => Volatile.Read(ref _smsFailures);

    public int[] ReadyNumbers() => _readyForCollection.ToArray();

    public bool TryCollect(out int orderNumber) => _readyForCollection.TryDequeue(out orderNumber);

    private async void OnOrderReady(object? sender, OrderReadyEventArgs e)
    {
        _readyForCollection.Enqueue(e.OrderNumber);
        try
        {
            await _sms.SendAsync(e.Customer, $"Order #{e.OrderNumber} is ready at the hatch!");
        }
        catch (Exception)
        {
            Interlocked.Increment(ref _smsFailures);
        }
    }
}
