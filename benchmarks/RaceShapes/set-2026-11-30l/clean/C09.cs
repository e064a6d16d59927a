using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace Dispatch.Newsletter.Digest
{
    public sealed record Reader(string Email, string Name, IReadOnlyList<string> Topics);

    public sealed record DigestMessage(string To, string Subject, string Body);

    public sealed record DigestRunSummary(int Delivered, int Deferred, IReadOnlyList<string> HardBounces);

    public sealed class HardBounceException : Exception
    {
        public HardBounceException(string address, string smtpCode)
            : base($"{address} bounced ({smtpCode})") => Address = address;

        public string Address { get; }
    }

    public sealed class DeferredDeliveryException : Exception
    {
        public DeferredDeliveryException(string message) : base(message) { }
    }

    public interface ISmtpRelay
    {
        Task DeliverAsync(DigestMessage message, CancellationToken ct);
    }

    /// <summary>Sends the weekly topic digest, limiting the number of concurrent SMTP sessions.</summary>
    public sealed class WeeklyDigestSender
    {
        private readonly ISmtpRelay _relay;
        private readonly int _maxSessions;

        public WeeklyDigestSender(ISmtpRelay relay, int maxSessions = 6)
        {
            _relay = relay;
            _maxSessions = maxSessions;
        }

        public async Task<DigestRunSummary> SendAsync(IReadOnlyList<Reader> readers, Func<Reader, string> compose, CancellationToken ct)
        {
            using var sessions = new SemaphoreSlim(_maxSessions, _maxSessions);
            int delivered = 0;
            int deferred = 0;
            var bounces = new ConcurrentQueue<string>();

            var sends = readers.Select(async reader =>
            {
                await sessions.WaitAsync(ct).ConfigureAwait(false);
                try
                {
                    var message = new DigestMessage(reader.Email, $"Your week in {string.Join(", ", reader.Topics.Take(3))}", compose(reader));
                    await _relay.DeliverAsync(message, ct).ConfigureAwait(false);
                    Interlocked.Increment(ref delivered);
                }
                catch (HardBounceException ex)
                {
                    bounces.Enqueue(ex.Address);
                }
                catch (DeferredDeliveryException)
                {
                    Interlocked.Increment(ref deferred);
                }
                finally
                {
                    sessions.Release();
                }
            }).ToList();

            await Task.WhenAll(sends).ConfigureAwait(false);
            return new DigestRunSummary(delivered, deferred, bounces.ToArray());
        }
    }
}
