using System.Net.Http.Json;
using System.Text;

namespace Blind54.TailorShop.Pickup;

public sealed record ReadyOrder(string Ticket, string Customer, string Garment);

public interface IStationClient
{
    Task<IReadOnlyList<ReadyOrder>> GetReadyOrdersAsync(string station, CancellationToken ct);
}

/// <summary>Asks a seamstress station's tablet for the alterations finished today.</summary>
public sealed class HttpStationClient : IStationClient
{
    private readonly HttpClient _http;

    public HttpStationClient(HttpClient http) => _http = http;

    public async Task<IReadOnlyList<ReadyOrder>> GetReadyOrdersAsync(string station, CancellationToken ct)
    {
        var orders = await _http.GetFromJsonAsync<List<ReadyOrder>>($"stations/{station}/ready", ct)
            .ConfigureAwait(false);
        return orders ?? new List<ReadyOrder>();
    }
}

/// <summary>Builds the pick-up sheet printed for the front counter every morning.</summary>
public sealed class PickupSheetBuilder
{
    private readonly IStationClient _client;

    public PickupSheetBuilder(IStationClient client) => _client = client;

    public async Task<string> BuildAsync(IReadOnlyList<string> stations, CancellationToken ct)
    {
        var sheet = new StringBuilder();
        sheet.AppendLine($"Pick-up sheet for {DateTime.Today:yyyy-MM-dd}");
        sheet.AppendLine("Station\tTicket\tCustomer\tGarment");

        var perStation = stations.Select(async station =>
        {
            var orders = await _client.GetReadyOrdersAsync(station, ct).ConfigureAwait(false);
            foreach (var order in orders)
            {
                sheet.AppendLine($"{station}\t{order.Ticket}\t{order.Customer}\t{order.Garment}");
            }
        });

        await Task.WhenAll(perStation).ConfigureAwait(false);
        return sheet.ToString();
    }
}
