using System.Globalization;
using System.Text;

namespace Blind32.SaddleMaker.Orders;

public sealed record SaddleOrder(int Year, string Workshop, int Sequence, string Style, int SeatSizeInches);

/// <summary>
/// Formats order numbers such as <c>2024-WK-00042-WST17</c> that are stamped on
/// the saddle tree and printed on the invoice.
/// </summary>
public static class OrderNumberFormatter
{
    private static readonly StringBuilder s_buffer = new(32);

    public static string Format(SaddleOrder order)
    {
        s_buffer.Clear();
        s_buffer.Append(order.Year.ToString(CultureInfo.InvariantCulture));
        s_buffer.Append('-');
        s_buffer.Append(order.Workshop.ToUpperInvariant());
        s_buffer.Append('-');
        s_buffer.Append(order.Sequence.ToString("D5", CultureInfo.InvariantCulture));
        s_buffer.Append('-');
        s_buffer.Append(StyleCode(order.Style));
        s_buffer.Append(order.SeatSizeInches.ToString(CultureInfo.InvariantCulture));
        return s_buffer.ToString();
    }

    private static string StyleCode(string style) => style.ToLowerInvariant() switch
    {
        "western" => "WST",
        "dressage" => "DRS",
        "endurance" => "END",
        "jumping" => "JMP",
        _ => "GEN",
    };
}

/// <summary>
/// Order service used by the web shop and the workshop terminals; registered as
/// a singleton and called concurrently by every incoming request.
/// </summary>
public sealed class SaddleOrderService
{
    private int _nextSequence;
    private readonly string _workshop;

    public SaddleOrderService(string workshop, int lastSequence)
    {
        _workshop = workshop;
        _nextSequence = lastSequence;
    }

    public string PlaceOrder(string style, int seatSize)
    {
        var sequence = Interlocked.Increment(ref _nextSequence);
        var order = new SaddleOrder(DateTime.UtcNow.Year, _workshop, sequence, style, seatSize);
        return OrderNumberFormatter.Format(order);
    }

    public Task<string[]> PlaceBulkAsync(IEnumerable<(string Style, int Seat)> requests) =>
        Task.WhenAll(requests.Select(r => Task.Run(() => PlaceOrder(r.Style, r.Seat))));
}
