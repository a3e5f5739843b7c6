package crs

import (
	"strconv"
	"strings"
)

// Parse resolves a CRS name as found in GeoJSON "crs" members, GeoPackage,
// OGC services and command lines. Accepted forms (case-insensitive,
// surrounding space ignored):
//
//	EPSG:4545   epsg:4545   4545
//	urn:ogc:def:crs:EPSG::4545   urn:ogc:def:crs:EPSG:6.6:4326   urn:x-ogc:def:crs:EPSG:4326
//	http://www.opengis.net/def/crs/EPSG/0/4490   (https too)
//	urn:ogc:def:crs:OGC:1.3:CRS84   urn:ogc:def:crs:OGC::CRS84   OGC:CRS84   CRS84
//	http://www.opengis.net/def/crs/OGC/1.3/CRS84   WGS84
//
// CRS84 resolves to EPSG:4326 (this package's API is lon/lat for both).
// A well-formed identifier of a CRS this package does not implement gives
// an *Error with Code "unsupported-crs"; anything else "bad-crs-name".
func Parse(s string) (*CRS, error) {
	in := strings.TrimSpace(s)
	low := strings.ToLower(in)
	bad := func(why string) (*CRS, error) {
		return nil, newError(CodeBadCRSName, s, "%s", why)
	}
	if in == "" {
		return bad("empty crs name")
	}
	if len(in) > 256 {
		return bad("crs name is too long")
	}

	var auth, code string
	switch {
	case strings.HasPrefix(low, "urn:ogc:def:crs:"), strings.HasPrefix(low, "urn:x-ogc:def:crs:"):
		rest := low[strings.Index(low, ":crs:")+len(":crs:"):]
		parts := strings.Split(rest, ":")
		switch len(parts) {
		case 2: // legacy urn:ogc:def:crs:EPSG:4326
			auth, code = parts[0], parts[1]
		case 3:
			if !isVersion(parts[1]) {
				return bad("bad version in crs urn")
			}
			auth, code = parts[0], parts[2]
		default:
			return bad("crs urn must look like urn:ogc:def:crs:authority:version:code")
		}
	case strings.HasPrefix(low, "http://www.opengis.net/def/crs/"), strings.HasPrefix(low, "https://www.opengis.net/def/crs/"):
		rest := low[strings.Index(low, "/def/crs/")+len("/def/crs/"):]
		parts := strings.Split(strings.TrimSuffix(rest, "/"), "/")
		if len(parts) != 3 || !isVersion(parts[1]) {
			return bad("crs uri must look like http://www.opengis.net/def/crs/authority/version/code")
		}
		auth, code = parts[0], parts[2]
	case low == "crs84" || low == "wgs84":
		auth, code = "ogc", "crs84"
	case isDigits(low):
		auth, code = "epsg", low
	default:
		i := strings.IndexByte(low, ':')
		if i <= 0 {
			return bad("crs name must look like epsg:4545")
		}
		auth, code = low[:i], strings.TrimPrefix(low[i+1:], ":") // also EPSG::4545
		code = strings.TrimSpace(code)
	}
	if auth == "" || code == "" || !isWord(auth) || !isWord(code) {
		return bad("crs name has an empty or malformed authority or code")
	}

	switch auth {
	case "epsg":
		if !isDigits(code) || len(code) > 9 {
			return bad("epsg code must be a number")
		}
		n, err := strconv.Atoi(code)
		if err != nil {
			return bad("epsg code must be a number")
		}
		c, err := ByEPSG(n)
		if err != nil {
			err.(*Error).Input = s
		}
		return c, err
	case "ogc":
		if code == "crs84" {
			return ByEPSG(4326)
		}
	}
	return nil, newError(CodeUnsupportedCRS, s, "only epsg codes and ogc crs84 are supported")
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// isVersion accepts an empty version or digits and dots ("0", "6.6", "1.3").
func isVersion(s string) bool {
	for i := 0; i < len(s); i++ {
		if (s[i] < '0' || s[i] > '9') && s[i] != '.' {
			return false
		}
	}
	return true
}

// isWord accepts ASCII letters, digits, '_', '-' and '.'.
func isWord(s string) bool {
	for i := 0; i < len(s); i++ {
		b := s[i]
		if !(b >= 'a' && b <= 'z' || b >= '0' && b <= '9' || b == '_' || b == '-' || b == '.') {
			return false
		}
	}
	return true
}
