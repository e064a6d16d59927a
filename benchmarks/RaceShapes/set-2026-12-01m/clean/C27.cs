namespace Delivery.Confirmation;

public sealed class ProofOfDelivery
{
    public string TrackingNumber { get; set; } = string.Empty;
    public string ReceivedBy { get; set; } = string.Empty;
    public DateTimeOffset At { get; set; }
    public byte[] SignaturePng { get; set; } = Array.Empty<byte>();
    public (double Lat, double Lon) Location { get; set; }
}

/// <summary>
/// Lets the customer-service screen wait for the driver's handheld to confirm a delivery.
/// </summary>
public sealed class DeliveryConfirmation
{
    private readonly TaskCompletionSource<ProofOfDelivery> _proof =
        new(TaskCreationOptions.RunContinuationsAsynchronously);

    public DeliveryConfirmation(string trackingNumber) => TrackingNumber = trackingNumber;

    public string TrackingNumber { get; }

    /// <summary>Called on the handheld gateway's receive thread.</summary>
    public bool OnDriverScan(string receivedBy, byte[] signature, double lat, double lon)
    {
        var proof = new ProofOfDelivery
        {
            TrackingNumber = TrackingNumber,
            ReceivedBy = receivedBy,
            At = DateTimeOffset.UtcNow,
            SignaturePng = signature.ToArray(),
            Location = (lat, lon),
        };

        return _proof.TrySetResult(proof);
    }

    public void OnDeliveryFailed(string reason)
        => _proof.TrySetException(new InvalidOperationException($"Delivery of {TrackingNumber} failed: {reason}"));

    public async Task<string> AwaitReceiptAsync(TimeSpan timeout, CancellationToken token)
    {
        var proof = await _proof.Task.WaitAsync(timeout, token).ConfigureAwait(false);
        return $"{proof.TrackingNumber} received by {proof.ReceivedBy} at {proof.At:u} " +
               $"({proof.Location.Lat:F4},{proof.Location.Lon:F4}); signature {proof.SignaturePng.Length} bytes";
    }
}
