namespace Municipal.Permits.Consultation;

public sealed record ConsulteeResponse(string Department, bool Objects, string? Comment);

public sealed record ConsultationOutcome(IReadOnlyList<ConsulteeResponse> Responses, IReadOnlyList<string> NoReply, bool HasObjection);

public interface IConsulteeClient
{
    Task<ConsulteeResponse> AskAsync(string department, string permitReference, CancellationToken ct);
}

/// <summary>
/// Statutory consultation for a permit application: asks highways, environmental health
/// and the fire service in parallel and stops early as soon as any of them objects.
/// </summary>
public sealed class ConsultationRound
{
    private readonly IConsulteeClient _client;

    public ConsultationRound(IConsulteeClient client) => _client = client;

    public async Task<ConsultationOutcome> RunAsync(string permitReference, IReadOnlyList<string> departments, TimeSpan deadline, CancellationToken ct)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct);
        linked.CancelAfter(deadline);

        var pending = departments.ToDictionary(d => _client.AskAsync(d, permitReference, linked.Token), d => d);
        var responses = new List<ConsulteeResponse>();
        var noReply = new List<string>();
        var objection = false;

        while (pending.Count > 0)
        {
            var finished = await Task.WhenAny(pending.Keys);
            var department = pending[finished];
            pending.Remove(finished);

            if (finished.IsCompletedSuccessfully)
            {
                responses.Add(finished.Result);
                if (finished.Result.Objects)
                {
                    objection = true;
                    linked.Cancel();
                }
            }
            else
            {
                noReply.Add(department);
            }
        }

        ct.ThrowIfCancellationRequested();
        return new ConsultationOutcome(responses, noReply, objection);
    }
}
