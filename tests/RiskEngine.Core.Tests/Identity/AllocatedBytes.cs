namespace RiskEngine.Core.Tests.Identity;

/// <summary>Measures what constructing a piece of state allocates: the object and every array it owns.</summary>
internal static class AllocatedBytes
{
    public static long Of(Func<object> allocate)
    {
        GC.KeepAlive(allocate()); // once first, so JIT work and static initialisation are not counted
        var before = GC.GetAllocatedBytesForCurrentThread();
        var allocated = allocate();
        var after = GC.GetAllocatedBytesForCurrentThread();
        GC.KeepAlive(allocated);
        return after - before;
    }
}
