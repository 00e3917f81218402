namespace RiskEngine.Core.Identity;

/// <summary>
/// The distinct source addresses a workload called a new destination from, as 32-bit hashes: a few are enough to
/// tell one instance of a service from a rollout of many. Adding past <see cref="Capacity"/> keeps the count there.
/// </summary>
public readonly record struct SourceAddresses
{
    public const int Capacity = 3;

    private readonly uint _first;
    private readonly uint _second;
    private readonly uint _third;
    private readonly byte _count;

    private SourceAddresses(uint first, uint second, uint third, byte count)
    {
        _first = first;
        _second = second;
        _third = third;
        _count = count;
    }

    public int Count => _count;

    public bool Contains(uint address) =>
        (_count > 0 && _first == address) || (_count > 1 && _second == address) || (_count > 2 && _third == address);

    public SourceAddresses With(uint address) => Contains(address) ? this : _count switch
    {
        0 => new SourceAddresses(address, 0, 0, 1),
        1 => new SourceAddresses(_first, address, 0, 2),
        2 => new SourceAddresses(_first, _second, address, 3),
        _ => this,
    };
}
