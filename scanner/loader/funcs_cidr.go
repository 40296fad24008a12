package loader

import (
	"fmt"
	"math/big"
	"net/netip"

	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"
	"github.com/zclconf/go-cty/cty/function"
	"github.com/zclconf/go-cty/cty/gocty"
)

// network is an IP prefix as an integer, for CIDR arithmetic.
type network struct {
	base *big.Int
	ones int
	bits int // 32 or 128
}

func parseNetwork(s string) (network, error) {
	p, err := netip.ParsePrefix(s)
	if err != nil {
		return network{}, fmt.Errorf("invalid CIDR expression: %w", err)
	}
	p = p.Masked()
	addr := p.Addr().Unmap()
	return network{base: new(big.Int).SetBytes(addr.AsSlice()), ones: p.Bits(), bits: addr.BitLen()}, nil
}

func (n network) hostMask(ones int) *big.Int {
	m := new(big.Int).Lsh(big.NewInt(1), uint(n.bits-ones))
	return m.Sub(m, big.NewInt(1))
}

// maskTo clears the host bits of ip for a prefix of length ones.
func (n network) maskTo(ip *big.Int, ones int) *big.Int {
	return new(big.Int).AndNot(ip, n.hostMask(ones))
}

func (n network) addrString(ip *big.Int) string {
	b := ip.FillBytes(make([]byte, n.bits/8))
	a, _ := netip.AddrFromSlice(b)
	return a.String()
}

func (n network) prefixString(ip *big.Int, ones int) string {
	return fmt.Sprintf("%s/%d", n.addrString(ip), ones)
}

func (n network) max() *big.Int {
	return n.hostMask(0)
}

func cidrSubnet(prefix string, newbits, netnum int64) (string, error) {
	n, err := parseNetwork(prefix)
	if err != nil {
		return "", err
	}
	length := n.ones + int(newbits)
	if newbits < 0 || length > n.bits {
		return "", fmt.Errorf("insufficient address space to extend prefix of %d by %d", n.ones, newbits)
	}
	limit := new(big.Int).Lsh(big.NewInt(1), uint(newbits))
	num := big.NewInt(netnum)
	if netnum < 0 || num.Cmp(limit) >= 0 {
		return "", fmt.Errorf("prefix extension of %d does not accommodate a subnet numbered %d", newbits, netnum)
	}
	ip := new(big.Int).Or(n.base, num.Lsh(num, uint(n.bits-length)))
	return n.prefixString(ip, length), nil
}

func cidrHost(prefix string, hostnum int64) (string, error) {
	n, err := parseNetwork(prefix)
	if err != nil {
		return "", err
	}
	size := new(big.Int).Lsh(big.NewInt(1), uint(n.bits-n.ones))
	num := big.NewInt(hostnum)
	if hostnum < 0 {
		num.Add(num, size)
	}
	if num.Sign() < 0 || num.Cmp(size) >= 0 {
		return "", fmt.Errorf("prefix of %d does not accommodate a host numbered %d", n.ones, hostnum)
	}
	return n.addrString(new(big.Int).Add(n.base, num)), nil
}

func cidrNetmask(prefix string) (string, error) {
	n, err := parseNetwork(prefix)
	if err != nil {
		return "", err
	}
	if n.bits != 32 {
		return "", fmt.Errorf("IPv6 addresses cannot have a netmask: %s", prefix)
	}
	return n.addrString(new(big.Int).Xor(n.max(), n.hostMask(n.ones))), nil
}

// cidrSubnets allocates consecutive subnets as Terraform's cidrsubnets does.
func cidrSubnets(prefix string, newbits []int64) ([]string, error) {
	n, err := parseNetwork(prefix)
	if err != nil {
		return nil, err
	}
	if len(newbits) == 0 {
		return nil, nil
	}
	end := new(big.Int).Or(n.base, n.hostMask(n.ones))
	// Start just before the network, so the first "next" subnet is its
	// first subnet.
	cur := new(big.Int).Sub(n.base, big.NewInt(1))
	if cur.Sign() < 0 {
		cur.Add(cur, new(big.Int).Add(n.max(), big.NewInt(1)))
	}
	curLen := n.ones + int(newbits[0])
	cur = n.maskTo(cur, curLen)
	out := make([]string, len(newbits))
	for i, nb := range newbits {
		length := n.ones + int(nb)
		if nb < 1 || length > n.bits {
			return nil, fmt.Errorf("would extend prefix to %d bits, which is too long for this address", length)
		}
		last := new(big.Int).Or(cur, n.hostMask(curLen))
		next := n.maskTo(last, length)
		next.Or(next, n.hostMask(length))
		next.Add(next, big.NewInt(1))
		if next.Cmp(n.max()) > 0 {
			return nil, fmt.Errorf("not enough remaining address space for a subnet with a prefix of %d bits", length)
		}
		next = n.maskTo(next, length)
		if next.Cmp(n.base) < 0 || next.Cmp(end) > 0 {
			return nil, fmt.Errorf("not enough remaining address space for a subnet with a prefix of %d bits after %s", length, n.prefixString(cur, curLen))
		}
		out[i] = n.prefixString(next, length)
		cur, curLen = next, length
	}
	return out, nil
}

func int64Arg(v cty.Value) (int64, error) {
	var i int64
	if err := gocty.FromCtyValue(v, &i); err != nil {
		return 0, fmt.Errorf("must be a whole number: %w", err)
	}
	return i, nil
}

var cidrSubnetFunc = function.New(&function.Spec{
	Params: []function.Parameter{
		{Name: "prefix", Type: cty.String},
		{Name: "newbits", Type: cty.Number},
		{Name: "netnum", Type: cty.Number},
	},
	Type: function.StaticReturnType(cty.String),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		nb, err := int64Arg(args[1])
		if err != nil {
			return cty.NilVal, err
		}
		num, err := int64Arg(args[2])
		if err != nil {
			return cty.NilVal, err
		}
		s, err := cidrSubnet(args[0].AsString(), nb, num)
		if err != nil {
			return cty.NilVal, err
		}
		return cty.StringVal(s), nil
	},
})

var cidrHostFunc = function.New(&function.Spec{
	Params: []function.Parameter{
		{Name: "prefix", Type: cty.String},
		{Name: "hostnum", Type: cty.Number},
	},
	Type: function.StaticReturnType(cty.String),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		h, err := int64Arg(args[1])
		if err != nil {
			return cty.NilVal, err
		}
		s, err := cidrHost(args[0].AsString(), h)
		if err != nil {
			return cty.NilVal, err
		}
		return cty.StringVal(s), nil
	},
})

var cidrNetmaskFunc = function.New(&function.Spec{
	Params: []function.Parameter{{Name: "prefix", Type: cty.String}},
	Type:   function.StaticReturnType(cty.String),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		s, err := cidrNetmask(args[0].AsString())
		if err != nil {
			return cty.NilVal, err
		}
		return cty.StringVal(s), nil
	},
})

var cidrSubnetsFunc = function.New(&function.Spec{
	Params:   []function.Parameter{{Name: "prefix", Type: cty.String}},
	VarParam: &function.Parameter{Name: "newbits", Type: cty.Number},
	Type:     function.StaticReturnType(cty.List(cty.String)),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		bits := make([]int64, 0, len(args)-1)
		for _, a := range args[1:] {
			n, err := convert.Convert(a, cty.Number)
			if err != nil {
				return cty.NilVal, err
			}
			i, err := int64Arg(n)
			if err != nil {
				return cty.NilVal, err
			}
			bits = append(bits, i)
		}
		subnets, err := cidrSubnets(args[0].AsString(), bits)
		if err != nil {
			return cty.NilVal, err
		}
		if len(subnets) == 0 {
			return cty.ListValEmpty(cty.String), nil
		}
		vals := make([]cty.Value, len(subnets))
		for i, s := range subnets {
			vals[i] = cty.StringVal(s)
		}
		return cty.ListVal(vals), nil
	},
})
