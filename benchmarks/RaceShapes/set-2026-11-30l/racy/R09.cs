using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace Dispatch.Newsletter.Campaigns
{
    public sealed record Subscriber(string Email, string DisplayName, string Locale);

    public sealed record Campaign(Guid Id, string Subject, string Template);

    public sealed record OutgoingMessage(string To, string Subject, string HtmlBody);

    public sealed record CampaignReport(Guid CampaignId, int Sent, IReadOnlyList<string> Rejected);

    public sealed class RecipientRejectedException : Exception
    {
        public RecipientRejectedException(string recipient, string reason)
            : base($"{recipient}: {reason}") => Recipient = recipient;

        public string Recipient { get; }
    }

    public interface IMailTransport
    {
        Task SendAsync(OutgoingMessage message, CancellationToken ct);
    }

    public interface ITemplateRenderer
    {
        string Render(string template, Subscriber subscriber);
    }

    /// <summary>Sends one newsletter campaign to a subscriber list, a few messages at a time.</summary>
    public sealed class CampaignSender
    {
        private readonly IMailTransport _transport;
        private readonly ITemplateRenderer _renderer;
        private readonly int _maxConcurrentSends;

        public CampaignSender(IMailTransport transport, ITemplateRenderer renderer, int maxConcurrentSends = 8)
        {
            _transport = transport;
            _renderer = renderer;
            _maxConcurrentSends = maxConcurrentSends;
        }

        public async Task<CampaignReport> SendAsync(Campaign campaign, IReadOnlyList<Subscriber> subscribers, CancellationToken ct)
        {
            using var throttle = new SemaphoreSlim(_maxConcurrentSends);
            int sent = 0;
            var rejected = new List<string>();

            async Task SendOneAsync(Subscriber subscriber)
            {
                await throttle.WaitAsync(ct).ConfigureAwait(false);
                try
                {
                    string body = _renderer.Render(campaign.Template, subscriber);
                    var message = new OutgoingMessage(subscriber.Email, campaign.Subject, body);
                    await _transport.SendAsync(message, ct).ConfigureAwait(false);
                    Interlocked.Increment(ref sent);
                }
                catch (RecipientRejectedException ex)
                {
                    rejected.Add(ex.Message);
                }
                finally
                {
                    throttle.Release();
                }
            }

            await Task.WhenAll(subscribers.Select(SendOneAsync)).ConfigureAwait(false);
            return new CampaignReport(campaign.Id, sent, rejected);
        }
    }
}
