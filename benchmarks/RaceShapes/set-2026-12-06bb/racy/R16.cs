using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Hosting;

namespace Blind54.Recycling.ReceiptOutbox;

public sealed class OutboxRow
{
    public OutboxRow(Guid id, string payload)
    {
        Id = id;
        Payload = payload;
    }

    public Guid Id { get; }
    public string Payload { get; }
    public int Attempts { get; set; }
}

public interface ICouncilApi
{
    Task<bool> SubmitWeighInAsync(string payload, CancellationToken ct);
}

/// <summary>
/// Delivers weigh-in receipts from the depot outbox to the council recycling API. Rows that
/// fail five times are parked until an operator asks for a retry from the admin page.
/// </summary>
public sealed class ReceiptOutboxProcessor : BackgroundService
{
    public const int MaxAttempts = 5;

    private readonly ConcurrentDictionary<Guid, OutboxRow> _rows = new();
    private readonly ICouncilApi _api;

    public ReceiptOutboxProcessor(ICouncilApi api) => _api = api;

    public void Enqueue(string payload)
    {
        var row = new OutboxRow(Guid.NewGuid(), payload);
        _rows.TryAdd(row.Id, row);
    }

    public bool RetryNow(Guid id)
    {
        if (!_rows.TryGetValue(id, out var row))
        {
            return false;
        }

        row.Attempts = 0;
        return true;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(5));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            foreach (var row in _rows.Values)
            {
                if (row.Attempts >= MaxAttempts)
                {
                    continue;
                }

                bool delivered;
                try
                {
                    delivered = await _api.SubmitWeighInAsync(row.Payload, stoppingToken);
                }
                catch (HttpRequestException)
                {
                    delivered = false;
                }

                if (delivered)
                {
                    _rows.TryRemove(row.Id, out _);
                }
                else
                {
                    row.Attempts++;
                }
            }
        }
    }
}

public static class OutboxAdminEndpoints
{
    public static void MapOutboxAdmin(this IEndpointRouteBuilder app) =>
        app.MapPost("/admin/outbox/{id:guid}/retry", (Guid id, ReceiptOutboxProcessor processor) =>
            processor.RetryNow(id) ? Results.NoContent() : Results.NotFound());
}
