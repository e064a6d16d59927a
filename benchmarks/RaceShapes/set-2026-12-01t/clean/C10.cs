using Microsoft.Extensions.Hosting;

namespace Airport.Baggage;

public sealed record CarouselStatus(int Carousel, string? FlightNumber, int BagsDelivered, int BagsExpected, DateTimeOffset UpdatedAt);

public interface IBaggageHandlingSystem
{
    Task<IReadOnlyList<(int Carousel, string? Flight, int Delivered, int Expected)>> PollAsync(CancellationToken ct);
}

/// <summary>
/// Polls the baggage handling system every few seconds and publishes the
/// carousel board shown on the arrivals hall screens and the mobile app API.
/// </summary>
public sealed class CarouselBoardService : BackgroundService
{
    private readonly IBaggageHandlingSystem _bhs;
    private readonly Dictionary<int, int> _lastDelivered = new();
    private IReadOnlyList<CarouselStatus> _board = Array.Empty<CarouselStatus>();

    public CarouselBoardService(IBaggageHandlingSystem bhs) => _bhs = bhs;

    public IReadOnlyList<CarouselStatus> Board => Volatile.Read(ref _board);

    public event Action<int>? LastBagDelivered;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(3));
        do
        {
            try
            {
                var rows = await _bhs.PollAsync(stoppingToken);
                var now = DateTimeOffset.UtcNow;
                var board = new List<CarouselStatus>(rows.Count);

                foreach (var (carousel, flight, delivered, expected) in rows)
                {
                    _lastDelivered.TryGetValue(carousel, out var previous);
                    if (expected > 0 && delivered >= expected && previous < expected)
                    {
                        LastBagDelivered?.Invoke(carousel);
                    }
                    _lastDelivered[carousel] = delivered;
                    board.Add(new CarouselStatus(carousel, flight, delivered, expected, now));
                }

                Volatile.Write(ref _board, board.AsReadOnly());
            }
            catch (HttpRequestException ex)
            {
                Console.Error.WriteLine($"BHS poll failed: {ex.Message}");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
