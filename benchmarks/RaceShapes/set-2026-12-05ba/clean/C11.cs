using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Blind53.MarathonTiming.Registration;

/// <summary>
/// Issues chip registration numbers: milliseconds since the event epoch, a 6-bit start
/// pen and a 16-bit sequence within the millisecond. Registered as a singleton and used
/// by the registration endpoint on every request.
/// </summary>
public sealed class ChipRegistrationIdGenerator
{
    private const int SequenceBits = 16;
    private const int PenBits = 6;
    private const long SequenceMask = (1L << SequenceBits) - 1;

    private readonly object _gate = new();
    private readonly long _pen;
    private readonly TimeProvider _clock;
    private readonly DateTimeOffset _epoch;
    private long _lastMillis = -1;
    private long _sequence;

    public ChipRegistrationIdGenerator(int pen, DateTimeOffset epoch, TimeProvider clock)
    {
        _pen = pen & ((1 << PenBits) - 1);
        _epoch = epoch;
        _clock = clock;
    }

    public long Next()
    {
        lock (_gate)
        {
            long millis = NowMillis();
            if (millis < _lastMillis)
            {
                millis = _lastMillis;
            }

            if (millis == _lastMillis)
            {
                _sequence = (_sequence + 1) & SequenceMask;
                if (_sequence == 0)
                {
                    while (millis <= _lastMillis)
                    {
                        Thread.SpinWait(20);
                        millis = NowMillis();
                    }
                }
            }
            else
            {
                _sequence = 0;
            }

            _lastMillis = millis;
            return (millis << (SequenceBits + PenBits)) | (_pen << SequenceBits) | _sequence;
        }
    }

    private long NowMillis() => (long)(_clock.GetUtcNow() - _epoch).TotalMilliseconds;
}

public sealed record RegisterChip(string Bib, string RunnerName, int Pen);

public static class RegistrationEndpoints
{
    public static IServiceCollection AddChipRegistration(this IServiceCollection services, DateTimeOffset eventEpoch)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(sp => new ChipRegistrationIdGenerator(0, eventEpoch, sp.GetRequiredService<TimeProvider>()));
        return services;
    }

    public static IEndpointRouteBuilder MapChipRegistration(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/chips", (RegisterChip request, ChipRegistrationIdGenerator ids) =>
        {
            long id = ids.Next();
            return Results.Ok(new { id, request.Bib, request.RunnerName });
        });

        return endpoints;
    }
}
